using System.IO.Pipelines;

namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>The in-memory twin of <see cref="TcpTransport"/>: two crossed pipes, for tests without sockets.</summary>
internal sealed class InMemoryTransport : MqttTransport, IDuplexPipe
{
    private int _disposed;

    private InMemoryTransport(PipeReader input, PipeWriter output, string name)
    {
        Input = input;
        Output = output;
        RemoteEndPoint = name;
    }

    public override IDuplexPipe Pipe => this;

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public override string RemoteEndPoint { get; }

    /// <summary>Creates two connected ends: what one writes, the other reads.</summary>
    public static (InMemoryTransport Client, InMemoryTransport Server) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new InMemoryTransport(toClient.Reader, toServer.Writer, "memory:server"),
                new InMemoryTransport(toServer.Reader, toClient.Writer, "memory:client"));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Completing both ends is what the peer sees as "connection closed".
        await Output.CompleteAsync();
        await Input.CompleteAsync();
    }
}
