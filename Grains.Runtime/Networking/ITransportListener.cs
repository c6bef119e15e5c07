namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>An endpoint accepting connections. Disposing it stops accepting; connections already accepted stay open
/// (they belong to whoever received them).</summary>
internal interface ITransportListener : IAsyncDisposable
{
    /// <summary>Host the listener was asked to bind.</summary>
    string Host { get; }

    /// <summary>Port actually bound (the free port chosen when 0 was asked for).</summary>
    int Port { get; }
}
