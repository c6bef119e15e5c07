using System.Text.Json;
using EdgeHive.Grains.Runtime.Catalog;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Messaging;
using EdgeHive.Grains.Runtime.Networking;
using EdgeHive.Grains.Runtime.Reminders;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Hosting;

/// <summary>
/// One silo: joins the cluster through the membership table, hosts activations, routes calls, fires reminders.
/// Build it with <see cref="SiloBuilder"/> (or <c>AddEdgeHiveSilo</c> in an ASP.NET Core host).
/// </summary>
public sealed partial class Silo : IAsyncDisposable
{
    private readonly SiloBuilder.Settings _settings;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClusterBackend? _backend;
    private MessageCenter? _messageCenter;
    private MembershipService? _membership;
    private LocalGrainDirectory? _directory;
    private ReminderService? _reminders;
    private IDisposable? _viewSubscription;
    private HashSet<SiloAddress> _knownDead = [];
    private int _state; // 0 new, 1 starting, 2 running, 3 stopping, 4 stopped

    internal Silo(SiloBuilder.Settings settings, IServiceProvider services)
    {
        _settings = settings;
        Services = services;
        _logger = settings.LoggerFactory.CreateLogger("EdgeHive.Grains.Silo");
        var jsonOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Runtime = new SiloRuntime
        {
            Services = services,
            TimeProvider = settings.TimeProvider,
            JsonOptions = jsonOptions,
            Logger = _logger,
            Options = settings.Options,
            Types = settings.Types,
            Storage = settings.Backend.Storage,
        };
        jsonOptions.Converters.Add(new GrainReferenceConverterFactory(() => Runtime.Dispatcher));
    }

    internal SiloRuntime Runtime { get; }

    /// <summary>Grain state storage of this silo's cluster, for list queries over indexed columns.</summary>
    public EdgeHive.Cloud.Storage.GrainState.IGrainStateStore Storage => _settings.Backend.Storage;

    /// <summary>The service provider grains are constructed from.</summary>
    public IServiceProvider Services { get; }

    /// <summary>This silo's address; set once started.</summary>
    public SiloAddress Address => _membership?.Self ?? throw new InvalidOperationException("The silo is not started.");

    /// <summary>The bound gateway port for cluster clients, or -1 when disabled.</summary>
    public int GatewayPort => _messageCenter?.GatewayPort ?? -1;

    /// <summary>Creates grain references; calls made through it originate at this silo.</summary>
    public IGrainFactory GrainFactory => Runtime.GrainFactory ?? throw new InvalidOperationException("The silo is not started.");

    /// <summary>Completes when the silo stopped, gracefully or because the cluster declared it dead.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>True once <see cref="StartAsync"/> completed and until it stops.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == 2;

    /// <summary>Activations on this silo.</summary>
    public int ActivationCount => Runtime.Catalog?.Count ?? 0;

    /// <summary>Activation counts per grain type.</summary>
    public IReadOnlyDictionary<string, int> ActivationCountsByType() => Runtime.Catalog?.CountByType() ?? new Dictionary<string, int>();

    /// <summary>Clients connected to this silo's gateway.</summary>
    public int ConnectedClients => _messageCenter?.ConnectedClients ?? 0;

    /// <summary>Calls waiting for a response.</summary>
    public int PendingCalls => Runtime.Dispatcher?.PendingCount ?? 0;

    /// <summary>The current membership view as (silo, status) rows.</summary>
    public IReadOnlyList<MembershipEntry> Members =>
        _membership?.CurrentView.Entries.Values.OrderBy(e => e.Silo.ToString(), StringComparer.Ordinal).ToArray() ?? [];

    /// <summary>Joins the cluster and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A silo can be started once.");
        }

        var options = _settings.Options;
        options.Validate();
        _backend = _settings.Backend;
        await _backend.InitializeAsync(cancellationToken).ConfigureAwait(false);

        // The silo address needs the bound port, the catalog needs the address: listen first, serve later.
        var generation = _settings.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var pendingSelf = new DeferredOracle();
        var directory = new LocalGrainDirectory(_backend.Directory, pendingSelf);
        _directory = directory;
        var dispatcherPlaceholder = new SiloAddress(options.AdvertisedHost, 0, generation);
        pendingSelf.Self = dispatcherPlaceholder;
        _messageCenter = new MessageCenter(Runtime, _settings.Transport, null!, directory);
        await _messageCenter.ListenAsync(cancellationToken).ConfigureAwait(false);
        var self = new SiloAddress(options.AdvertisedHost, _messageCenter.SiloPort, generation);

        _membership = new MembershipService(
            _backend.Membership,
            _settings.Membership,
            self,
            options.SiloName ?? $"{Environment.MachineName}:{self.Port}",
            _messageCenter.GatewayPort,
            _messageCenter,
            _messageCenter,
            _settings.TimeProvider,
            _settings.LoggerFactory.CreateLogger<MembershipService>());
        var oracle = new MembershipOracle(_membership);
        Runtime.Self = self;
        pendingSelf.Inner = oracle;

        Runtime.Dispatcher = new Dispatcher(Runtime, oracle, directory);
        Runtime.Catalog = new GrainCatalog(Runtime, directory, self);
        Runtime.GrainFactory = new GrainFactory(Runtime.Dispatcher, Runtime.Dispatcher.Observers);
        _reminders = new ReminderService(_backend.Reminders, oracle, Runtime.Dispatcher, _settings.Reminders, _settings.TimeProvider, _logger);
        Runtime.Reminders = _reminders;
        _messageCenter.Bind(Runtime.Dispatcher, self, oracle, () => _ = _membership.RefreshAsync(CancellationToken.None));
        Runtime.Dispatcher.Remote = _messageCenter;

        _viewSubscription = _membership.Subscribe(view => _ = OnViewChangedAsync(view, directory));
        await _membership.JoinAsync(cancellationToken).ConfigureAwait(false);
        _reminders.Start();
        _ = _membership.DeclaredDead.ContinueWith(_ => OnDeclaredDeadAsync(), TaskScheduler.Default);
        Volatile.Write(ref _state, 2);
        Log.Started(_logger, self, _messageCenter.GatewayPort);
    }

    /// <summary>Leaves the cluster gracefully: deactivates every activation (they persist in OnDeactivateAsync),
    /// marks itself dead in the table, closes connections.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 3, 2) != 2)
        {
            return;
        }

        Log.Stopping(_logger, Address);
        try
        {
            // The goodbye gets its own short deadline: a silo whose host ran out of shutdown time still leaves cleanly.
            using var goodbye = new CancellationTokenSource(TimeSpan.FromSeconds(10), _settings.TimeProvider);
            try
            {
                await Runtime.Catalog.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Grains persist on every write, so what the rest miss is only their OnDeactivateAsync; their
                // directory rows go in one statement, so peers activate them afresh at once.
                Log.DeactivationCutShort(_logger, Address, Runtime.Catalog.Count);
                Runtime.Catalog.DropAll();
                await _directory!.OnSiloDeadAsync(Address, goodbye.Token).ConfigureAwait(false);
            }

            if (_reminders is not null)
            {
                await _reminders.DisposeAsync().ConfigureAwait(false);
            }

            await _membership!.LeaveAsync(cancellationToken.IsCancellationRequested ? goodbye.Token : cancellationToken).ConfigureAwait(false);
            await _messageCenter!.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops at once without a goodbye: no deactivation, no table writes, connections dropped — as if the
    /// process had been killed. For failure tests.</summary>
    public async Task KillAsync()
    {
        var previous = Interlocked.Exchange(ref _state, 3);
        if (previous is 3 or 4 or 0)
        {
            Volatile.Write(ref _state, previous == 0 ? 0 : 4);
            return;
        }

        if (_membership is not null)
        {
            await _membership.StopWithoutGoodbyeAsync().ConfigureAwait(false);
        }

        if (_reminders is not null)
        {
            await _reminders.DisposeAsync().ConfigureAwait(false);
        }

        if (_messageCenter is not null)
        {
            await _messageCenter.AbortAsync().ConfigureAwait(false);
        }

        Runtime.Catalog?.DropAll();
        await ReleaseAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync()
    {
        _viewSubscription?.Dispose();
        if (Runtime.Dispatcher is { } dispatcher)
        {
            await dispatcher.DisposeAsync().ConfigureAwait(false);
        }

        if (Runtime.Catalog is { } catalog)
        {
            await catalog.DisposeAsync().ConfigureAwait(false);
        }

        if (_membership is not null)
        {
            await _membership.DisposeAsync().ConfigureAwait(false);
        }

        if (_messageCenter is not null)
        {
            await _messageCenter.DisposeAsync().ConfigureAwait(false);
        }

        if (_backend?.Owner is { } owner && _settings.OwnsBackend)
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }

        Volatile.Write(ref _state, 4);
        _stopped.TrySetResult();
    }

    private async Task OnViewChangedAsync(MembershipView view, LocalGrainDirectory directory)
    {
        var dead = view.Entries.Values.Where(e => e.Status == SiloStatus.Dead).Select(e => e.Silo).ToHashSet();
        var newlyDead = dead.Except(_knownDead).ToArray();
        _knownDead = dead;
        foreach (var silo in newlyDead)
        {
            if (silo == _membership?.Self)
            {
                continue;
            }

            Log.SiloDead(_logger, silo);
            _messageCenter?.Disconnect(silo);
            Runtime.Dispatcher.OnSiloUnreachable(silo, "declared dead");
            try
            {
                await directory.OnSiloDeadAsync(silo, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.DirectoryCleanupFailed(_logger, silo, ex);
            }
        }

        if (_reminders is not null && Volatile.Read(ref _state) == 2)
        {
            await _reminders.OnViewChangedAsync().ConfigureAwait(false);
        }
    }

    private async Task OnDeclaredDeadAsync()
    {
        if (Volatile.Read(ref _state) != 2)
        {
            return;
        }

        Log.DeclaredDead(_logger, Address);
        await KillAsync().ConfigureAwait(false);
    }

    /// <summary>Lets the directory be built before the membership service exists.</summary>
    private sealed class DeferredOracle : ISiloStatusOracle
    {
        public ISiloStatusOracle? Inner { get; set; }

        public SiloAddress Self { get => Inner?.Self ?? field!; set; }

        public IReadOnlyList<SiloAddress> ActiveSilos => Inner?.ActiveSilos ?? [Self];

        public bool IsDead(SiloAddress silo) => Inner?.IsDead(silo) ?? false;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Silo {Silo} started (gateway port {GatewayPort})")]
        public static partial void Started(ILogger logger, SiloAddress silo, int gatewayPort);

        [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Silo {Silo} stopping")]
        public static partial void Stopping(ILogger logger, SiloAddress silo);

        [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "Silo {Silo} is dead; dropping its connections and directory rows")]
        public static partial void SiloDead(ILogger logger, SiloAddress silo);

        [LoggerMessage(EventId = 2503, Level = LogLevel.Warning, Message = "Cleaning the directory rows of dead silo {Silo} failed")]
        public static partial void DirectoryCleanupFailed(ILogger logger, SiloAddress silo, Exception exception);

        [LoggerMessage(EventId = 2505, Level = LogLevel.Warning, Message = "Silo {Silo} ran out of shutdown time with {Count} activations left; dropping them and their directory rows")]
        public static partial void DeactivationCutShort(ILogger logger, SiloAddress silo, int count);

        [LoggerMessage(EventId = 2504, Level = LogLevel.Critical, Message = "Silo {Silo} was declared dead by the cluster; stopping")]
        public static partial void DeclaredDead(ILogger logger, SiloAddress silo);
    }
}
