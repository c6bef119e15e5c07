using System.Diagnostics;
using EdgeHive.Grains.Runtime.Client;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Testing;

/// <summary>
/// An in-process cluster of silos on loopback TCP and a real database, for tests: start N silos, add one, stop one
/// gracefully, kill one without goodbye, and wait until every running silo sees the same set of active silos.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Action<SiloBuilder> _configure;
    private readonly List<Silo> _silos = [];
    private readonly List<ClusterClient> _clients = [];
    private readonly object _lock = new();

    /// <summary>Creates a cluster whose silos are configured by <paramref name="configure"/> (database, grains).
    /// Ports are picked free; call <see cref="StartSiloAsync"/> to add silos.</summary>
    public TestCluster(Action<SiloBuilder> configure)
    {
        _configure = configure;
    }

    /// <summary>Silos started and not yet stopped or killed.</summary>
    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_lock)
            {
                return _silos.Where(s => s.IsRunning).ToArray();
            }
        }
    }

    /// <summary>Grain factory of the first running silo.</summary>
    public IGrainFactory GrainFactory => Silos.FirstOrDefault()?.GrainFactory ?? throw new InvalidOperationException("No silo is running.");

    /// <summary>Starts <paramref name="count"/> silos and waits until membership settles.</summary>
    public async Task StartAsync(int count, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await StartSiloAsync(cancellationToken).ConfigureAwait(false);
        }

        await WaitForMembershipAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts one more silo.</summary>
    public async Task<Silo> StartSiloAsync(CancellationToken cancellationToken = default)
    {
        var builder = new SiloBuilder();
        builder.Options.SiloPort = 0;
        builder.Options.GatewayPort = 0;
        builder.Options.AdvertisedHost = "127.0.0.1";
        _configure(builder);
        var silo = builder.Build();
        await silo.StartAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Stops a silo gracefully.</summary>
    public Task StopSiloAsync(Silo silo, CancellationToken cancellationToken = default) => silo.StopAsync(cancellationToken);

    /// <summary>Kills a silo without goodbye: its peers must detect the failure.</summary>
    public Task KillSiloAsync(Silo silo) => silo.KillAsync();

    /// <summary>Connects a cluster client to the gateways of the running silos.</summary>
    public async Task<ClusterClient> ConnectClientAsync(CancellationToken cancellationToken = default)
    {
        var options = new ClusterClientOptions();
        foreach (var silo in Silos)
        {
            options.Gateways.Add("127.0.0.1:" + silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var probe = new SiloBuilder();
        _configure(probe);
        options.ClusterId = probe.Options.ClusterId;
        var client = await ClusterClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Waits until every running silo's view lists exactly the running silos as active.</summary>
    public async Task WaitForMembershipAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var running = Silos;
            var expected = running.Select(s => s.Address).ToHashSet();
            var settled = running.All(s =>
                s.Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo).ToHashSet().SetEquals(expected));
            if (settled)
            {
                return;
            }

            if (watch.Elapsed > deadline)
            {
                var views = string.Join("; ", running.Select(s =>
                    $"{s.Address} sees [{string.Join(", ", s.Members.Select(m => $"{m.Silo}={m.Status}"))}]"));
                throw new TimeoutException($"Membership did not settle within {deadline}: {views}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var silo in _silos.ToArray().Reverse())
        {
            try
            {
                await silo.KillAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
