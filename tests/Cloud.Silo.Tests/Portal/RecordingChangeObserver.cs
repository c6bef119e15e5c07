using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Portal;

/// <summary>Stands in for a standalone portal's change hub: records every batch, or fails while told to.</summary>
internal sealed class RecordingChangeObserver : IPortalChangeObserver
{
    private readonly List<PortalChange> _received = [];

    public bool Fail { get; set; }

    public int Calls { get; private set; }

    public IReadOnlyList<PortalChange> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    public Task OnChanges(IReadOnlyList<PortalChange> changes)
    {
        lock (_received)
        {
            Calls++;
            if (Fail)
            {
                throw new InvalidOperationException("observer told to fail");
            }

            _received.AddRange(changes);
        }

        return Task.CompletedTask;
    }
}
