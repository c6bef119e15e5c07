using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>
/// A whole agent (every module) over a temp database, run in the background. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> restart it on the same file, as a process restart would.
/// </summary>
public sealed class AgentRunner : IAsyncDisposable
{
    public const string Node = "edge-1";

    private readonly TempAgentDatabase _temp;
    private readonly Func<AgentOptions> _options;
    private readonly Action<AgentTuning>? _tune;
    private CancellationTokenSource? _stop;
    private Task _run = Task.CompletedTask;

    private AgentRunner(TempAgentDatabase temp, Func<AgentOptions> options, Action<AgentTuning>? tune)
    {
        _temp = temp;
        _options = options;
        _tune = tune;
    }

    public EdgeAgent Agent { get; private set; } = null!;

    public TempAgentDatabase Temp => _temp;

    /// <summary>
    /// Creates and starts an agent. <paramref name="cloudUrls"/> defaults to a closed port (no cloud), the MQTT
    /// endpoint to an embedded broker on a free loopback port.
    /// </summary>
    public static async Task<AgentRunner> StartAsync(
        IReadOnlyList<Uri>? cloudUrls = null, string? joinToken = "join-secret", MqttEndpoint? mqtt = null, Action<AgentTuning>? tune = null, int simulate = 0,
        string? workloads = null)
    {
        var temp = await TempAgentDatabase.CreateAsync();
        var urls = cloudUrls ?? [new Uri($"ws://127.0.0.1:{FreePort.Get()}/edge/v1/connect")];
        var endpoint = mqtt ?? new MqttEndpoint(MqttMode.Embedded, "127.0.0.1", 0);
        var runner = new AgentRunner(temp, () => new AgentOptions(urls, Node, joinToken, temp.Directory, endpoint, simulate) { WorkloadsDirectory = workloads }, tune);
        await runner.StartAsync();
        return runner;
    }

    public static void Fast(AgentTuning tuning)
    {
        tuning.EdgeHub.Backoff = new BackoffOptions { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(500) };
        tuning.EdgeHub.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        tuning.EventBus.Reconnect = (TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500));
        tuning.Edged.InitialBackoff = TimeSpan.FromMilliseconds(50);
        tuning.Edged.MaxBackoff = TimeSpan.FromMilliseconds(500);
    }

    /// <summary>Starts (again) on the same database file.</summary>
    public Task StartAsync()
    {
        var tuning = new AgentTuning();
        Fast(tuning);
        _tune?.Invoke(tuning);
        Agent = new EdgeAgent(_options(), _temp.Database, tuning, TimeProvider.System, NullLoggerFactory.Instance);
        _stop = new CancellationTokenSource();
        _run = Task.Run(() => Agent.RunAsync(_stop.Token));
        return Task.CompletedTask;
    }

    /// <summary>Stops every module (no goodbye to the cloud beyond what cancellation does) and reopens the file.</summary>
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
        Agent.Dispose();
        await _temp.ReopenAsync();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Binds devices to the node through DeviceTwin, as a cloud membership change would.</summary>
    public async Task BindAsync(params string[] ids)
    {
        await Eventually.TrueAsync(() => Agent.Bus.IsRegistered(ModuleNames.DeviceTwin), TimeSpan.FromSeconds(30), "DeviceTwin is registered");
        var update = new MembershipUpdate();
        foreach (var id in ids)
        {
            update.AddedDevices.Add(new MsgDevice { Id = id, Name = id[(id.IndexOf('/') + 1)..] });
        }

        var request = BusMessage.Create("test", ModuleNames.TwinGroup, TwinOperations.MembershipUpdate, Node, update, TimeProvider.System);
        var response = await Agent.Bus.SendSyncAsync(ModuleNames.DeviceTwin, request, TimeSpan.FromSeconds(30), default);
        Assert.Empty(Assert.IsType<TwinOutcome>(response.Content).Rejections);
    }

    /// <summary>The port of the agent's MQTT broker (embedded) or of the external broker.</summary>
    public async Task<int> MqttPortAsync() => (await Agent.EventBus.Ready.WaitAsync(TimeSpan.FromSeconds(30))).Port;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _temp.DisposeAsync();
    }
}
