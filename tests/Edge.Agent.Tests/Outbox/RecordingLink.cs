using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.Tests.Outbox;

/// <summary>An upstream link that records what it was handed; can be disconnected or made to fail.</summary>
internal sealed class RecordingLink : IUpstreamLink
{
    private readonly List<long> _sent = [];

    public bool IsConnected { get; set; } = true;

    public bool Fail { get; set; }

    public int Batches { get; private set; }

    public IReadOnlyList<long> Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToArray();
            }
        }
    }

    public Task SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (Fail || !IsConnected)
        {
            throw new IOException("link down");
        }

        lock (_sent)
        {
            Batches++;
            _sent.AddRange(entries.Select(e => e.Seq));
        }

        return Task.CompletedTask;
    }

    public void Clear()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
    }
}
