using System.Data;
using DbUp.Engine;
using RoyaAudio.Server.Articles;

namespace RoyaAudio.Server.Database.Migrations;

/// <summary>
/// Adds what the podcast feeds show of an article (published_at, url, summary) to <c>articles</c> and fills it for
/// every stored article from the CMS JSON it kept, in the script's transaction, a few hundred rows at a time.
/// </summary>
internal sealed class ListingsFromSources(bool postgres) : IScript
{
    private const int RowsPerRead = 500;

    public string ProvideScript(Func<IDbCommand> dbCommandFactory)
    {
        ArgumentNullException.ThrowIfNull(dbCommandFactory);
        using (var add = dbCommandFactory())
        {
            add.CommandText = new ColumnsAdded(postgres, "articles", ("published_at", "BIGINT NULL"), ("url", "TEXT NULL"), ("summary", "TEXT NULL"))
                .ProvideScript(dbCommandFactory);
            add.ExecuteNonQuery();
        }

        var after = "";
        while (true)
        {
            var page = Read(dbCommandFactory, after);
            if (page.Count == 0)
            {
                // DbUp runs what is returned; the work is done.
                return "SELECT 1;";
            }

            foreach (var (id, source) in page)
            {
                var listing = ArticleListing.FromSource(source);
                if (listing == ArticleListing.None)
                {
                    continue;
                }

                using var update = dbCommandFactory();
                update.CommandText = "UPDATE articles SET published_at = @published_at, url = @url, summary = @summary WHERE id = @id";
                Add(update, "published_at", listing.PublishedAt, DbType.Int64);
                Add(update, "url", listing.Url);
                Add(update, "summary", listing.Summary);
                Add(update, "id", id);
                update.ExecuteNonQuery();
            }

            after = page[^1].Id;
        }
    }

    private static List<(string Id, string Source)> Read(Func<IDbCommand> dbCommandFactory, string after)
    {
        using var command = dbCommandFactory();
        command.CommandText = $"SELECT id, source FROM articles WHERE id > @after ORDER BY id LIMIT {RowsPerRead}";
        Add(command, "after", after);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Typed even when null: PostgreSQL cannot tell the type of an untyped null in SET.</summary>
    private static void Add(IDbCommand command, string name, object? value, DbType type = DbType.String)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
