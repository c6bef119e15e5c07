using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;
using System.Text.Json;
using System.Xml.Linq;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>
/// ASP.NET Core's data-protection key ring (which signs login cookies and antiforgery tokens) kept as rows of the
/// cluster's system-record table (kind <c>dataprotectionkey</c>, key: the key's id), so every silo serving the portal and
/// every standalone portal accept each other's cookies, and a restarted or rescheduled portal keeps its users signed in.
/// Without it each process keeps its own keys in a local directory (or only in memory when the home directory is not
/// writable, as in many containers).
/// </summary>
/// <remarks>The interface is synchronous; ASP.NET Core calls it only when it loads or refreshes the key ring (at first
/// use, then about once a day, and when a cookie names a key it has not seen), so blocking on the database is cheap.
/// Keys are stored as written by ASP.NET Core: unencrypted XML, protected by the database's own access control.</remarks>
internal sealed class StorageXmlRepository(ISystemRecordStore storage) : IXmlRepository
{
    /// <summary>The grain type of the key rows.</summary>
    public const string GrainType = "dataprotectionkey";

    private const int PageSize = 1000;

    public IReadOnlyCollection<XElement> GetAllElements() => GetAllAsync(CancellationToken.None).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        var payload = JsonSerializer.Serialize(new StoredKey(element.ToString(SaveOptions.DisableFormatting)));
        try
        {
            storage.WriteAsync(GrainType, friendlyName, payload, 0, [], CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InconsistentStateException)
        {
            // A key id is a fresh GUID: a row under it can only be this same key, stored by a retry.
        }
    }

    private async Task<IReadOnlyCollection<XElement>> GetAllAsync(CancellationToken cancellationToken)
    {
        var elements = new List<XElement>();
        string? cursor = null;
        do
        {
            var page = await storage.QueryAsync(new GrainQuery { GrainType = GrainType, Limit = PageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                var stored = JsonSerializer.Deserialize<StoredKey>(row.Payload);
                if (stored?.Xml is { Length: > 0 } xml)
                {
                    elements.Add(XElement.Parse(xml));
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return elements;
    }

    /// <summary>The row's payload: the record table holds JSON.</summary>
    private sealed record StoredKey(string Xml);
}
