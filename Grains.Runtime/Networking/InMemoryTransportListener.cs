using System.IO.Pipelines;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>An endpoint registered in an <see cref="InMemoryNetwork"/>.</summary>
internal sealed class InMemoryTransportListener : ITransportListener
{
    private readonly InMemoryNetwork _network;
    private readonly ConnectionHandoff _handoff;
    private volatile bool _stopped;

    /// <summary>Creates a listener; <see cref="InMemoryNetwork.Bind"/> registers it.</summary>
    public InMemoryTransportListener(InMemoryNetwork network, InMemoryTransport owner, string host, int port, ConnectionHandoff handoff)
    {
        _network = network;
        _handoff = handoff;
        Owner = owner;
        Host = host;
        Port = port;
    }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public int Port { get; }

    /// <summary>Transport that created the listener (and owns its connections).</summary>
    public InMemoryTransport Owner { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops accepting.</summary>
    public void Stop()
    {
        _stopped = true;
        _network.Unbind(this);
    }

    /// <summary>Turns the listening side of a new pipe pair into a connection and hands it over.</summary>
    internal void Accept(IDuplexPipe pipe, string remoteEndPoint)
    {
        if (_stopped)
        {
            throw new ConnectionFailedException($"{Host}:{Port}", "connection refused (the listener stopped)");
        }

        _handoff.Dispatch(Owner.CreateConnection(pipe, remoteEndPoint));
    }
}
