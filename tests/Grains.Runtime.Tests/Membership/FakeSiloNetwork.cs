using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

/// <summary>
/// Decides which probes are answered and counts them. By default every silo answers; a silo can be made unreachable,
/// or a script can decide per probe (from, to, 1-based number of that probe from that prober to that target).
/// </summary>
internal sealed class FakeSiloNetwork
{
    private readonly Lock _lock = new();
    private readonly HashSet<SiloAddress> _unreachable = [];
    private readonly Dictionary<(SiloAddress From, SiloAddress To), int> _probes = [];
    private readonly Dictionary<(SiloAddress From, SiloAddress To), int> _failed = [];
    private Func<SiloAddress, SiloAddress, int, bool>? _script;

    public void SetReachable(SiloAddress silo, bool reachable)
    {
        lock (_lock)
        {
            if (reachable)
            {
                _unreachable.Remove(silo);
            }
            else
            {
                _unreachable.Add(silo);
            }
        }
    }

    public void SetScript(Func<SiloAddress, SiloAddress, int, bool>? script)
    {
        lock (_lock)
        {
            _script = script;
        }
    }

    public int ProbeCount(SiloAddress from, SiloAddress to)
    {
        lock (_lock)
        {
            return _probes.GetValueOrDefault((from, to));
        }
    }

    public int FailedProbeCount(SiloAddress from, SiloAddress to)
    {
        lock (_lock)
        {
            return _failed.GetValueOrDefault((from, to));
        }
    }

    public int ProbesSentBy(SiloAddress from)
    {
        lock (_lock)
        {
            return _probes.Where(p => p.Key.From == from).Sum(p => p.Value);
        }
    }

    public ISiloProber ProberFor(SiloAddress self) => new Prober(this, self);

    private bool Probe(SiloAddress from, SiloAddress to)
    {
        lock (_lock)
        {
            var number = _probes.GetValueOrDefault((from, to)) + 1;
            _probes[(from, to)] = number;
            var answered = !_unreachable.Contains(to) && (_script?.Invoke(from, to, number) ?? true);
            if (!answered)
            {
                _failed[(from, to)] = _failed.GetValueOrDefault((from, to)) + 1;
            }

            return answered;
        }
    }

    private sealed class Prober(FakeSiloNetwork network, SiloAddress self) : ISiloProber
    {
        public Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.FromResult(network.Probe(self, target));
    }
}
