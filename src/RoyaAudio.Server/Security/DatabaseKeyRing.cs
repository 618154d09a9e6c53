using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Security;

/// <summary>
/// The data-protection key ring in the app's database, so a cookie sealed by one web node opens on every
/// other and survives restarts. Keys are stored as ASP.NET writes them (unencrypted XML, as on disk);
/// the database's own access control guards them, as it guards everything else the service keeps.
/// </summary>
public sealed class DatabaseKeyRing(AppDatabase database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING",
            new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = clock.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}
