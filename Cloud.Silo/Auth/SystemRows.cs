using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>
/// Small system tables (tokens, credentials, silo statistics) kept as records of the cluster's
/// <c>ISystemRecordStore</c> (tables of their own, not grain storage), one record kind each. Each write is conditional
/// on the version read, so concurrent writers on different silos cannot lose each other's changes.
/// </summary>
internal static class SystemRows
{
    /// <summary>Record kind of API tokens (key: token id).</summary>
    public const string ApiTokens = "sys.apitoken";

    /// <summary>Record kind of join tokens (key: token id).</summary>
    public const string JoinTokens = "sys.jointoken";

    /// <summary>Record kind of node credentials (key: node name).</summary>
    public const string NodeCredentials = "sys.nodecredential";

    /// <summary>Reads and deserialises one row, with its version; null when there is none.</summary>
    public static async Task<(T Value, long Version)?> ReadAsync<T>(
        IGrainStateStore storage, string type, string key, CancellationToken cancellationToken)
        where T : class
    {
        var row = await storage.ReadAsync(type, key, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var value = JsonSerializer.Deserialize<T>(row.Payload, CloudJson.Options)
            ?? throw new InvalidOperationException($"Row {type}/{key} holds no value.");
        return (value, row.Version);
    }

    /// <summary>Writes a row if its stored version is still <paramref name="expectedVersion"/> (0: insert).</summary>
    public static Task<long> WriteAsync<T>(
        IGrainStateStore storage, string type, string key, T value, long expectedVersion, CancellationToken cancellationToken) =>
        storage.WriteAsync(type, key, JsonSerializer.Serialize(value, CloudJson.Options), expectedVersion, [], cancellationToken);

    /// <summary>Every row of a type (system tables are small), in key order.</summary>
    public static async Task<IReadOnlyList<T>> ListAsync<T>(IGrainStateStore storage, string type, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        string? cursor = null;
        do
        {
            var page = await storage.QueryAsync(
                new GrainQuery { GrainType = type, Limit = 500, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                if (JsonSerializer.Deserialize<T>(row.Payload, CloudJson.Options) is { } value)
                {
                    result.Add(value);
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return result;
    }
}
