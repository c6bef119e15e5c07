using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

/// <summary>
/// Several membership services sharing one in-memory table, a fake network and a manual clock. Gossip is delivered
/// to every other silo of the cluster; time moves only when a test advances it.
/// </summary>
internal sealed class MembershipTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly List<MembershipService> _silos = [];
    private long _nextGeneration = 1000;

    public MembershipTestCluster(MembershipOptions? options = null)
    {
        Options = options ?? new MembershipOptions();
        Table = new FlakyMembershipTable(InnerTable);
    }

    public MembershipOptions Options { get; }

    public ManualTimeProvider Time { get; } = new();

    public FakeSiloNetwork Network { get; } = new();

    public InMemoryMembershipTable InnerTable { get; } = new();

    public FlakyMembershipTable Table { get; }

    public MembershipService CreateSilo(int port, long? generation = null)
    {
        var address = new SiloAddress("10.0.0.1", port, generation ?? Interlocked.Increment(ref _nextGeneration));
        var silo = new MembershipService(
            Table, Options, address, $"silo-{port}", port + 1000, Network.ProberFor(address), new Gossip(this, address),
            Time, NullLogger.Instance);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    public async Task<MembershipService> StartSiloAsync(int port, long? generation = null)
    {
        var silo = CreateSilo(port, generation);
        await silo.JoinAsync(CancellationToken.None);
        return silo;
    }

    /// <summary>Starts <paramref name="count"/> silos and waits until each sees all of them active.</summary>
    public async Task<MembershipService[]> StartSilosAsync(int count)
    {
        var silos = new MembershipService[count];
        for (var i = 0; i < count; i++)
        {
            silos[i] = await StartSiloAsync(11111 + i);
        }

        await Eventually.TrueAsync(
            () => silos.All(s => s.CurrentView.ActiveSilos.Count == count), Deadline, $"all silos see {count} active");
        return silos;
    }

    /// <summary>Kills a silo: it stops answering probes and its loops stop, without writing anything.</summary>
    public async Task KillAsync(MembershipService silo)
    {
        Network.SetReachable(silo.Self, false);
        await silo.StopWithoutGoodbyeAsync();
    }

    /// <summary>Advances the clock by one probe period and waits until every watcher has probed the target again.</summary>
    public async Task AdvanceProbePeriodAsync(SiloAddress target, params MembershipService[] watchers)
    {
        var before = watchers.Select(w => Network.ProbeCount(w.Self, target)).ToArray();
        Time.Advance(Options.ProbePeriod);
        await Eventually.TrueAsync(
            () => watchers.Select((w, i) => Network.ProbeCount(w.Self, target) > before[i]).All(probed => probed),
            Deadline,
            $"every watcher probed {target}");
    }

    public async Task<MembershipRow> ReadRowAsync(SiloAddress silo)
    {
        var snapshot = await InnerTable.ReadAllAsync(CancellationToken.None);
        return snapshot.Rows.Single(r => r.Entry.Silo == silo);
    }

    public async ValueTask DisposeAsync()
    {
        MembershipService[] silos;
        lock (_silos)
        {
            silos = [.. _silos];
        }

        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
    }

    private MembershipService[] Others(SiloAddress self)
    {
        lock (_silos)
        {
            return [.. _silos.Where(s => s.Self != self)];
        }
    }

    private sealed class Gossip(MembershipTestCluster cluster, SiloAddress self) : IMembershipGossip
    {
        public void MembershipChanged()
        {
            foreach (var peer in cluster.Others(self))
            {
                // Like the real runtime: a message to the peer, which refreshes on its own time; failures are ignored.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await peer.RefreshAsync(CancellationToken.None);
                    }
                    catch (Exception)
                    {
                        // A lost gossip message only delays the peer until its refresh period.
                    }
                });
            }
        }
    }
}
