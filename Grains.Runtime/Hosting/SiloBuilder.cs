using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.Database;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Networking;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using EdgeHive.Grains.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Grains.Runtime.Hosting;

/// <summary>Configures and builds a <see cref="Silo"/>.</summary>
public sealed class SiloBuilder
{
    private readonly List<Type> _grainClasses = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private Func<string, TimeProvider, ClusterBackend>? _backend;
    private bool _ownsBackend = true;

    /// <summary>Silo options (ports, timeouts, collection).</summary>
    public SiloOptions Options { get; } = new();

    /// <summary>Reminder options.</summary>
    public ReminderOptions Reminders { get; } = new();

    /// <summary>Failure-detection settings; settable so tests can shorten the periods.</summary>
    internal MembershipOptions Membership { get; set; } = new();

    internal Func<ConnectionOptions, ILoggerFactory, TimeProvider, ITransport> TransportFactory { get; set; } =
        static (options, logging, time) => new TcpTransport(options, logging, time);

    /// <summary>The clock; tests may pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging; defaults to none.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Registers a grain class.</summary>
    public SiloBuilder AddGrain<TGrain>() where TGrain : Grain
    {
        _grainClasses.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Registers a grain class known at run time.</summary>
    public SiloBuilder AddGrain(Type grainClass)
    {
        _grainClasses.Add(grainClass);
        return this;
    }

    /// <summary>Adds services grains can take in their constructors (standalone silos only; a hosted silo uses the
    /// host's container).</summary>
    public SiloBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Single silo on one SQLite file (membership, directory, reminders and grain state).</summary>
    public SiloBuilder UseSqlite(string path)
    {
        _backend = (cluster, time) =>
        {
            var db = new SqliteDatabase(path);
            var (membership, directory, reminders) = SqlClusterStores.Create(db.Dialect, cluster, time);
            return new ClusterBackend(membership, directory, reminders, new SqlGrainStateStore(db.Dialect, cluster, time));
        };
        return this;
    }

    /// <summary>A cluster on PostgreSQL.</summary>
    public SiloBuilder UsePostgres(string connectionString)
    {
        _backend = (cluster, time) =>
        {
            var db = new PostgresDatabase(connectionString);
            var (membership, directory, reminders) = SqlClusterStores.Create(db.Dialect, cluster, time);
            return new ClusterBackend(membership, directory, reminders, new SqlGrainStateStore(db.Dialect, cluster, time), db);
        };
        return this;
    }

    /// <summary>Uses backends the caller owns (tests share in-memory or database stores between silos).</summary>
    internal SiloBuilder UseBackend(ClusterBackend backend)
    {
        _backend = (_, _) => backend;
        _ownsBackend = false;
        return this;
    }

    /// <summary>Builds a standalone silo with its own service container.</summary>
    public Silo Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton(LoggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(TimeProvider);
        foreach (var configure in _services)
        {
            configure(services);
        }

        Silo? silo = null;
        services.AddSingleton<IGrainFactory>(_ => silo!.GrainFactory);
        var provider = services.BuildServiceProvider();
        silo = Build(provider);
        return silo;
    }

    /// <summary>Builds a silo whose grains are constructed from <paramref name="services"/>.</summary>
    public Silo Build(IServiceProvider services)
    {
        Options.Validate();
        Membership.Validate();
        if (_backend is null)
        {
            throw new InvalidOperationException("Choose where the cluster lives: UseSqlite(path) for one silo or UsePostgres(connectionString) for a cluster.");
        }

        var types = new GrainTypeRegistry();
        foreach (var grainClass in _grainClasses)
        {
            types.Add(grainClass);
        }

        var settings = new Settings
        {
            Options = Options,
            Membership = Membership,
            Reminders = Reminders,
            Transport = TransportFactory(new ConnectionOptions { MaxFrameSize = Options.MaxFrameSize }, LoggerFactory, TimeProvider),
            TimeProvider = TimeProvider,
            LoggerFactory = LoggerFactory,
            Types = types,
            Backend = _backend(Options.ClusterId, TimeProvider),
            OwnsBackend = _ownsBackend,
        };
        return new Silo(settings, services);
    }

    /// <summary>Everything a silo is built from.</summary>
    internal sealed class Settings
    {
        public required SiloOptions Options { get; init; }

        public required MembershipOptions Membership { get; init; }

        public required ReminderOptions Reminders { get; init; }

        public required ITransport Transport { get; init; }

        public required TimeProvider TimeProvider { get; init; }

        public required ILoggerFactory LoggerFactory { get; init; }

        public required GrainTypeRegistry Types { get; init; }

        public required ClusterBackend Backend { get; init; }

        public bool OwnsBackend { get; init; }
    }
}
