using System.Data;
using DbUp.Engine;
using RoyaAudio.Server.Renditions;

namespace RoyaAudio.Server.Database.Migrations;

/// <summary>
/// Gives every rendition that has a manifest from an earlier release its <see cref="RenditionRecord"/>, in the
/// script's transaction, a few hundred rows at a time so a large table never sits in memory at once.
/// </summary>
internal sealed class RecordsFromManifests : IScript
{
    private const int RowsPerRead = 500;

    public string ProvideScript(Func<IDbCommand> dbCommandFactory)
    {
        ArgumentNullException.ThrowIfNull(dbCommandFactory);
        long after = 0;
        while (true)
        {
            var page = Read(dbCommandFactory, after);
            if (page.Count == 0)
            {
                // DbUp runs what is returned; the work is done.
                return "SELECT 1;";
            }

            foreach (var (id, manifest) in page)
            {
                using var update = dbCommandFactory();
                update.CommandText = "UPDATE renditions SET record = @record WHERE id = @id";
                Add(update, "record", RenditionRecord.FromLegacyManifest(manifest).ToJson());
                Add(update, "id", id);
                update.ExecuteNonQuery();
            }

            after = page[^1].Id;
        }
    }

    private static List<(long Id, string Manifest)> Read(Func<IDbCommand> dbCommandFactory, long after)
    {
        using var command = dbCommandFactory();
        command.CommandText = $"SELECT id, manifest FROM renditions WHERE manifest IS NOT NULL AND record IS NULL AND id > @after ORDER BY id LIMIT {RowsPerRead}";
        Add(command, "after", after);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
        {
            rows.Add((Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)));
        }

        return rows;
    }

    private static void Add(IDbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
