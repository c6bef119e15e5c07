using System.IO.Pipelines;

namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>A byte stream to one peer as a duplex pipe. Disposing it closes the underlying connection.</summary>
internal abstract class MqttTransport : IAsyncDisposable
{
    /// <summary>Bytes from the peer (Input) and to the peer (Output).</summary>
    public abstract IDuplexPipe Pipe { get; }

    /// <summary>The peer's address, for logs.</summary>
    public abstract string RemoteEndPoint { get; }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
