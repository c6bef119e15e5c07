using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real agent (every module, as <c>AgentHost</c> composes it) run in-process on its own data directory.
/// <see cref="StopAsync"/> then <see cref="StartAsync"/> is a process restart: the SQLite file is closed and reopened.
/// </summary>
internal sealed class EdgeNode : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private AgentDatabase? _database;
    private EdgeAgent? _agent;
    private CancellationTokenSource? _stop;
    private Task _run = Task.CompletedTask;

    private EdgeNode(AgentOptions options) => _options = options;

    public string NodeName => _options.NodeName;

    /// <summary>The running agent.</summary>
    public EdgeAgent Agent => _agent ?? throw new InvalidOperationException("The agent is not running.");

    /// <summary>
    /// Starts an agent for <paramref name="node"/> against <paramref name="cloudUrls"/> with
    /// <paramref name="mqtt"/> (an embedded broker on a free loopback port when null) and, when given,
    /// <paramref name="mqttMaxPacketSize"/> as <c>--mqtt-max-packet</c>.
    /// </summary>
    public static async Task<EdgeNode> StartAsync(
        string node, string joinToken, IReadOnlyList<Uri> cloudUrls, MqttEndpoint? mqtt = null, int? mqttMaxPacketSize = null)
    {
        var dataDir = Path.GetDirectoryName(TestDatabases.NewSqliteFile())!;
        var endpoint = mqtt ?? new MqttEndpoint(MqttMode.Embedded, "127.0.0.1", 0);
        var runner = new EdgeNode(new AgentOptions(cloudUrls, node, joinToken, dataDir, endpoint, MqttMaxPacketSize: mqttMaxPacketSize));
        await runner.StartAsync();
        return runner;
    }

    /// <summary>Starts (again) on the same data directory.</summary>
    public async Task StartAsync()
    {
        // Short backoff so the tests do not wait out the product's 30 s ceiling when the cloud comes back.
        var tuning = new AgentTuning();
        tuning.EdgeHub.Backoff = new BackoffOptions { Initial = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromSeconds(1) };
        tuning.EventBus.Reconnect = (TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        _database = await AgentDatabase.OpenAsync(_options.DatabasePath, CancellationToken.None);
        _agent = new EdgeAgent(_options, _database, tuning, TimeProvider.System, NullLoggerFactory.Instance);
        _stop = new CancellationTokenSource();
        var agent = _agent;
        var stop = _stop.Token;
        _run = Task.Run(() => agent.RunAsync(stop));
    }

    /// <summary>The port devices use: the embedded broker's, or the external broker's.</summary>
    public async Task<int> MqttPortAsync() => (await Agent.EventBus.Ready.WaitAsync(TimeSpan.FromSeconds(60))).Port;

    /// <summary>Stops every module and closes the database, as a process exit would.</summary>
    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(60));
        _stop.Dispose();
        _stop = null;
        _agent?.Dispose();
        _agent = null;
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
