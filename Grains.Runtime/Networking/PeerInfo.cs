namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>Who is on the other end of a connection, from its handshake.</summary>
internal sealed record PeerInfo(SiloAddress? Silo, string? ClientId)
{
    public bool IsClient => ClientId is not null;

    public override string ToString() => Silo?.ToString() ?? "client " + ClientId;
}
