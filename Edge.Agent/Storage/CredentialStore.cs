namespace EdgeHive.Edge.Agent.Storage;

/// <summary>The node's name and credential (a single row).</summary>
public sealed class CredentialStore(AgentDatabase database, TimeProvider time)
{
    /// <summary>Reads the stored credential, or null before the first successful registration.</summary>
    public Task<NodeCredential?> GetAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            await using var command = AgentDatabase.Command(c, null, "SELECT node_name, token FROM credential WHERE id = 1");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new NodeCredential(reader.GetString(0), reader.GetString(1)) : null;
        }, cancellationToken);

    /// <summary>Stores (replacing) the credential; committed before returning.</summary>
    public Task SaveAsync(NodeCredential credential, CancellationToken cancellationToken) =>
        database.WriteAsync((c, t) => AgentDatabase.ExecuteAsync(c, t,
            "INSERT INTO credential (id, node_name, token, updated) VALUES (1, $p0, $p1, $p2) " +
            "ON CONFLICT (id) DO UPDATE SET node_name = excluded.node_name, token = excluded.token, updated = excluded.updated",
            cancellationToken, credential.NodeName, credential.Token, time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
}
