using System.Collections.Immutable;
using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// This silo's part in cluster membership: joins the table, keeps a current <see cref="MembershipView"/>, probes its
/// ring successors and votes unreachable ones dead, writes heartbeats, and notices when it has been declared dead
/// itself. Every change goes through the table's compare-and-swap, so the database decides every race.
/// </summary>
/// <remarks>
/// Three background loops, one per concern (probing, heartbeat, table refresh), each on a fixed cadence from the
/// <see cref="TimeProvider"/>. A loop logs a failed round and tries again next period; only stopping ends it. Rounds
/// that fail because the table is unreachable are logged once when the outage starts and once when it ends; an outage
/// never counts against any silo, because liveness is judged by probes alone.
/// </remarks>
internal sealed partial class MembershipService : IAsyncDisposable
{
    // Join and leave must eventually win against concurrent writers; conflicts only mean "re-read and try again".
    private const int MaxStatusWriteAttempts = 100;

    private readonly IMembershipTable _table;
    private readonly MembershipOptions _options;
    private readonly SiloAddress _self;
    private readonly string _siloName;
    private readonly int _gatewayPort;
    private readonly ISiloProber _prober;
    private readonly IMembershipGossip? _gossip;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _stateLock = new();
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _declaredDead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<SiloAddress, int> _missedProbes = []; // owned by the probe loop
    private readonly OutageTracker _tableOutage = new(); // heartbeat and refresh loops report to it
    private ImmutableArray<Action<MembershipView>> _subscribers = [];
    private volatile MembershipView _view = MembershipView.Empty;
    private ServiceState _state;
    private Task[] _loops = [];
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue; // owned by the heartbeat loop

    /// <summary>Creates the service; nothing happens until <see cref="JoinAsync"/>.</summary>
    public MembershipService(
        IMembershipTable table,
        MembershipOptions options,
        SiloAddress self,
        string siloName,
        int gatewayPort,
        ISiloProber prober,
        IMembershipGossip? gossip,
        TimeProvider timeProvider,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(siloName);
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _table = table;
        _options = options;
        _self = self;
        _siloName = siloName;
        _gatewayPort = gatewayPort;
        _prober = prober;
        _gossip = gossip;
        _time = timeProvider;
        _logger = logger;
    }

    private enum ServiceState
    {
        Created,
        Joining,
        Joined,
        Leaving,
        DeclaredDead,
        Stopped,
    }

    /// <summary>This silo's address.</summary>
    public SiloAddress Self => _self;

    /// <summary>The newest view this silo has read. <see cref="MembershipView.Empty"/> before joining.</summary>
    public MembershipView CurrentView => _view;

    /// <summary>Completes when this silo reads its own row as dead (or gone) after joining: the host must then stop,
    /// because its peers already treat its grains as lost. Never completes after a graceful leave.</summary>
    public Task DeclaredDead => _declaredDead.Task;

    /// <summary>
    /// Registers <paramref name="onChanged"/> to be called with every new view (each table version this silo reads),
    /// in version order and never concurrently. Read <see cref="CurrentView"/> after subscribing for the starting point.
    /// </summary>
    public IDisposable Subscribe(Action<MembershipView> onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        ImmutableInterlocked.Update(ref _subscribers, static (list, item) => list.Add(item), onChanged);
        return new Subscription(this, onChanged);
    }

    /// <summary>
    /// Joins the cluster: declares earlier incarnations of this endpoint dead, inserts this silo's row as Joining,
    /// moves it to Active, publishes the view and starts the background loops. Call once.
    /// </summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        lock (_stateLock)
        {
            if (_state != ServiceState.Created)
            {
                throw new InvalidOperationException($"Membership of {_self} was already started ({_state}).");
            }

            _state = ServiceState.Joining;
        }

        LogJoining(_logger, _self);
        await _table.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var startTime = _time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > MaxStatusWriteAttempts)
            {
                throw new InvalidOperationException($"{_self} could not join: {MaxStatusWriteAttempts} conflicting writes in a row.");
            }

            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var own = Find(snapshot, _self);
            if (own is null)
            {
                var old = MembershipDecisions.OldIncarnations(_self, snapshot.Rows.Select(r => r.Entry));
                if (old.Count > 0)
                {
                    var oldRow = Find(snapshot, old[0].Silo)!;
                    var dead = oldRow.Entry with { Status = SiloStatus.Dead };
                    if (await _table.UpdateRowAsync(dead, oldRow.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
                    {
                        LogOldIncarnationDeclaredDead(_logger, oldRow.Entry.Silo, _self);
                        Gossip();
                    }
                    else
                    {
                        LogWriteConflict(_logger, "declare old incarnation dead", oldRow.Entry.Silo);
                    }

                    continue;
                }

                var now = _time.GetUtcNow();
                var entry = new MembershipEntry(_self, _siloName, SiloStatus.Joining, _gatewayPort, startTime, now, []);
                if (!await _table.InsertRowAsync(entry, snapshot.Version, cancellationToken).ConfigureAwait(false))
                {
                    LogWriteConflict(_logger, "insert joining row", _self);
                }

                continue;
            }

            if (own.Entry.Status == SiloStatus.Active)
            {
                break;
            }

            if (own.Entry.Status != SiloStatus.Joining)
            {
                throw new InvalidOperationException($"{_self} was declared {own.Entry.Status} while joining.");
            }

            var active = own.Entry with { Status = SiloStatus.Active, IAmAliveTime = _time.GetUtcNow() };
            if (await _table.UpdateRowAsync(active, own.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            LogWriteConflict(_logger, "become active", _self);
        }

        Gossip();
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        lock (_stateLock)
        {
            if (_state != ServiceState.Joining)
            {
                return; // stopped or disposed while joining
            }

            _state = ServiceState.Joined;
            var token = _stopping.Token;
            var start = _time.GetUtcNow(); // one phase for all loops, fixed before any of them is scheduled
            _loops =
            [
                Task.Run(() => RunLoopAsync("probe", _options.ProbePeriod, start, usesTable: false, ProbeRoundAsync, token), CancellationToken.None),
                Task.Run(() => RunLoopAsync("heartbeat", _options.IAmAlivePeriod, start, usesTable: true, HeartbeatAsync, token), CancellationToken.None),
                Task.Run(() => RunLoopAsync("refresh", _options.TableRefreshPeriod, start, usesTable: true, RefreshRoundAsync, token), CancellationToken.None),
            ];
        }

        LogJoined(_logger, _self, _view.Version, _view.ActiveSilos.Count);
    }

    /// <summary>Reads the table now and publishes the view if its version is newer. Called by the refresh loop, after
    /// this silo's own writes, and when a peer gossips a change.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_state is ServiceState.Stopped or ServiceState.Created)
        {
            return;
        }

        bool mustStop;
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            mustStop = Publish(snapshot);
        }
        finally
        {
            _refreshLock.Release();
        }

        if (mustStop)
        {
            OnDeclaredDead();
        }
    }

    /// <summary>Leaves gracefully: stops probing, writes ShuttingDown and then Dead, and tells the peers. Grains should
    /// be deactivated by the caller before this; the row is the last thing to go.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        lock (_stateLock)
        {
            if (_state is ServiceState.DeclaredDead or ServiceState.Stopped or ServiceState.Leaving)
            {
                return;
            }

            if (_state != ServiceState.Joined)
            {
                throw new InvalidOperationException($"{_self} cannot leave: it has not joined ({_state}).");
            }

            _state = ServiceState.Leaving;
        }

        LogLeaving(_logger, _self);
        await StopLoopsAsync().ConfigureAwait(false);
        await WriteOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
        await WriteOwnStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        lock (_stateLock)
        {
            _state = ServiceState.Stopped;
        }

        LogLeft(_logger, _self);
    }

    /// <summary>Stops every loop and writes nothing, as if the process had been killed. For tests and for a host
    /// that has already lost its table.</summary>
    public Task StopWithoutGoodbyeAsync()
    {
        lock (_stateLock)
        {
            _state = ServiceState.Stopped;
        }

        return StopLoopsAsync();
    }

    /// <summary>Stops the loops without writing anything; call <see cref="LeaveAsync"/> first for a graceful exit.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopWithoutGoodbyeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static MembershipRow? Find(MembershipSnapshot snapshot, SiloAddress silo) =>
        snapshot.Rows.FirstOrDefault(r => r.Entry.Silo == silo);

    private bool Publish(MembershipSnapshot snapshot)
    {
        if (snapshot.Version > _view.Version)
        {
            var view = MembershipView.FromSnapshot(snapshot);
            _view = view;
            LogViewChanged(_logger, _self, view.Version, view.ActiveSilos.Count);
            foreach (var subscriber in _subscribers)
            {
                try
                {
                    subscriber(view);
                }
                catch (Exception ex)
                {
                    LogSubscriberFailed(_logger, ex, _self);
                }
            }
        }

        return _state == ServiceState.Joined && MembershipDecisions.MustStop(Find(snapshot, _self)?.Entry);
    }

    private void OnDeclaredDead()
    {
        lock (_stateLock)
        {
            if (_state != ServiceState.Joined)
            {
                return;
            }

            _state = ServiceState.DeclaredDead;
        }

        LogSelfDeclaredDead(_logger, _self);

        // The loops stop: a dead incarnation must neither vote nor heartbeat. Not awaited here because this may run
        // on one of those loops; DisposeAsync waits for them.
        CancelLoops();
        _declaredDead.TrySetResult();
    }

    private async Task StopLoopsAsync()
    {
        Task[] loops;
        lock (_stateLock)
        {
            loops = _loops;
            _loops = [];
        }

        CancelLoops();
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private void CancelLoops()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: the loops are long gone.
        }
    }

    private async Task WriteOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxStatusWriteAttempts; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var own = Find(snapshot, _self);
            if (own is null || own.Entry.Status == SiloStatus.Dead || own.Entry.Status == status)
            {
                return; // already gone, dead, or there
            }

            var updated = own.Entry with { Status = status, IAmAliveTime = _time.GetUtcNow() };
            if (await _table.UpdateRowAsync(updated, own.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                Gossip();
                return;
            }

            LogWriteConflict(_logger, $"write own status {status}", _self);
        }

        throw new InvalidOperationException($"{_self} could not write its status {status}: {MaxStatusWriteAttempts} conflicting writes in a row.");
    }

    private void Gossip()
    {
        try
        {
            _gossip?.MembershipChanged();
        }
        catch (Exception ex)
        {
            LogGossipFailed(_logger, ex, _self);
        }
    }

    private sealed class Subscription(MembershipService owner, Action<MembershipView> callback) : IDisposable
    {
        public void Dispose() =>
            ImmutableInterlocked.Update(ref owner._subscribers, static (list, item) => list.Remove(item), callback);
    }
}
