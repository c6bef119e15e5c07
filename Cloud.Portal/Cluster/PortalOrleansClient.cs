using System.Net;
using EdgeHive.Cloud.Clustering;
using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using OrleansGrainFactory = Orleans.IGrainFactory;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>
/// The standalone portal's Orleans cluster client: every grain call goes through it, the portal's query, join-token
/// and change-subscription grains (keyed by <see cref="ClientId"/>). It runs in a host of its own that connects in the
/// background and keeps retrying every <see cref="PortalClientOptions.RetryInterval"/>, so the portal starts (and
/// shows the outage) while no silo runs. Gateways: with <c>Cluster:Provider=Postgres</c> the Active silos of the
/// cluster's membership table, otherwise <see cref="PortalClientOptions.GatewayList"/>.
/// </summary>
internal sealed partial class PortalOrleansClient(PortalClientOptions options, ClusterDatabaseSettings database, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    /// <summary>How long start waits for a first connection, so that the first pages after a start beside a running
    /// silo find the client connected; without a silo the portal starts anyway and keeps trying.</summary>
    private static readonly TimeSpan FirstConnectWait = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger = loggerFactory.CreateLogger<PortalOrleansClient>();
    private Task _connecting = Task.CompletedTask;
    private IHost? _host;
    private volatile IClusterClient? _client;

    /// <summary>This process's id: the key of its query and change-subscription grains.</summary>
    public string ClientId { get; } = "portal-" + Guid.NewGuid().ToString("N");

    /// <summary>Where the client looks for gateways, for messages.</summary>
    public string Gateways => database.UsePostgres ? "the cluster database's membership table" : string.Join(", ", options.GatewayList);

    /// <summary>Grain references through the client.</summary>
    /// <exception cref="ClusterUnavailableException">The client has not reached a gateway yet.</exception>
    public OrleansGrainFactory Grains => _client ?? throw new ClusterUnavailableException(
        $"The cluster is not reachable: no Orleans gateway ({Gateways}) has answered yet. The page works again as soon as a silo answers.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = Task.Run(() => ConnectAsync(_stopping.Token), CancellationToken.None);
        var wait = FirstConnectWait < options.CallTimeout ? FirstConnectWait : options.CallTimeout;
        await Task.WhenAny(_connected.Task, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_host is not null)
        {
            await _host.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        if (_host is not null)
        {
            await CastAndDispose(_host).ConfigureAwait(false);
        }
    }

    private static async ValueTask CastAndDispose(IHost host)
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            host.Dispose();
        }
    }

    private async Task ConnectAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            IHost? host = null;
            try
            {
                host = new HostBuilder()
                    .ConfigureServices(services => services.AddSingleton(loggerFactory))
                    .UseOrleansClient(Configure)
                    .Build();
                _host = host;
                await host.StartAsync(stopping).ConfigureAwait(false);
                _client = host.Services.GetRequiredService<IClusterClient>();
                _connected.TrySetResult();
                Log.Connected(_logger, Gateways);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A gateway name that does not resolve, for example: start over with a new host.
                Log.ConnectFailed(_logger, Gateways, ex.Message);
                _host = null;
                if (host is not null)
                {
                    await CastAndDispose(host).ConfigureAwait(false);
                }
            }

            try
            {
                await Task.Delay(options.RetryInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Configure(IClientBuilder client)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = database.ClusterId;
            o.ServiceId = database.ClusterId;
        });
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
        if (database.UsePostgres)
        {
            client.UseEdgeHivePostgresClustering(database.PostgresConnectionString!);
        }
        else
        {
            client.UseStaticClustering([.. options.GatewayList.Select(Resolve)]);
        }

        client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
        {
            Log.ConnectFailed(_logger, Gateways, exception.Message);
            await Task.Delay(options.RetryInterval, cancellationToken).ConfigureAwait(false);
            return true;
        });
        client.Services.AddEdgeHiveContractSerializer();
    }

    private static IPEndPoint Resolve(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        var host = gateway[..colon].Trim('[', ']');
        var port = int.Parse(gateway.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
        var address = IPAddress.TryParse(host, out var parsed)
            ? parsed
            : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).First();
        return new IPEndPoint(address, port);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8110, Level = LogLevel.Information, Message = "The portal's Orleans client is connected ({Gateways}).")]
        public static partial void Connected(ILogger logger, string gateways);

        [LoggerMessage(EventId = 8111, Level = LogLevel.Debug, Message = "The portal's Orleans client found no gateway ({Gateways}): {Reason}; retrying.")]
        public static partial void ConnectFailed(ILogger logger, string gateways, string reason);
    }
}
