using System.Data;
using DbUp.Engine;

namespace RoyaAudio.Server.Database.Migrations;

/// <summary>
/// A script that adds columns to a table. SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>, and databases
/// made before the journal may already hold the column, so each column is looked up first and only
/// the missing ones are added.
/// </summary>
internal sealed class ColumnsAdded(bool postgres, string table, params (string Name, string Type)[] columns) : IScript
{
    public string ProvideScript(Func<IDbCommand> dbCommandFactory)
    {
        ArgumentNullException.ThrowIfNull(dbCommandFactory);
        var missing = columns.Where(c => !Exists(dbCommandFactory, c.Name)).ToList();
        return missing.Count == 0
            ? "SELECT 1;"
            : string.Concat(missing.Select(c => $"ALTER TABLE {table} ADD COLUMN {c.Name} {c.Type};\n"));
    }

    private bool Exists(Func<IDbCommand> dbCommandFactory, string column)
    {
        using var command = dbCommandFactory();
        command.CommandText = postgres
            ? $"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' AND column_name = '{column}'"
            : $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
