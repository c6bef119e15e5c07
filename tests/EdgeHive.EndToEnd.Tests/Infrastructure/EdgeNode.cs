using System.Diagnostics;
using System.Globalization;
using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real agent on its own data directory. With <c>EDGEHIVE_AGENT_BINARY</c> set (test.sh publishes the NativeAOT
/// executable once and sets it) the agent is that executable as a child process, so a path that only breaks under
/// NativeAOT fails here; without it the agent runs in-process, composed as <c>AgentHost</c> composes it.
/// <see cref="StopAsync"/> then <see cref="StartAsync"/> is a process restart (SIGTERM, then the same data directory).
/// </summary>
internal sealed class EdgeNode : IAsyncDisposable
{
    /// <summary>Path of the published agent executable to run, when set.</summary>
    public const string BinaryVariable = "EDGEHIVE_AGENT_BINARY";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly AgentOptions _options;
    private readonly string? _binary = Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } path ? path : null;
    private AgentDatabase? _database;
    private EdgeAgent? _agent;
    private CancellationTokenSource? _stop;
    private Task _run = Task.CompletedTask;
    private Process? _process;
    private readonly ProcessOutput _output = new(keepLast: 192 * 1024);

    private EdgeNode(AgentOptions options) => _options = options;

    public string NodeName => _options.NodeName;

    /// <summary>
    /// Starts an agent for <paramref name="node"/> against <paramref name="cloudUrls"/> with
    /// <paramref name="mqtt"/> (an embedded broker on a free loopback port when null) and, when given,
    /// <paramref name="mqttMaxPacketSize"/> as <c>--mqtt-max-packet</c>, and <paramref name="workloads"/> as
    /// <c>--workloads</c> (the node runs no workloads when null).
    /// </summary>
    public static async Task<EdgeNode> StartAsync(
        string node, string joinToken, IReadOnlyList<Uri> cloudUrls, MqttEndpoint? mqtt = null, int? mqttMaxPacketSize = null, string? workloads = null)
    {
        var dataDir = Path.GetDirectoryName(TestDatabases.NewSqliteFile())!;

        // A fixed port (not 0): a restarted agent, in process or not, keeps the port its devices know.
        var endpoint = mqtt ?? new MqttEndpoint(MqttMode.Embedded, "127.0.0.1", FreePort.Get());
        var runner = new EdgeNode(new AgentOptions(cloudUrls, node, joinToken, dataDir, endpoint, MqttMaxPacketSize: mqttMaxPacketSize) { WorkloadsDirectory = workloads });
        await runner.StartAsync();
        return runner;
    }

    /// <summary>Starts (again) on the same data directory.</summary>
    public async Task StartAsync()
    {
        if (_binary is not null)
        {
            StartProcess(_binary);
            return;
        }

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
    public async Task<int> MqttPortAsync()
    {
        if (_agent is not null)
        {
            return (await _agent.EventBus.Ready.WaitAsync(StartDeadline)).Port;
        }

        if (_options.Mqtt.Mode == MqttMode.Embedded)
        {
            await FreePort.WaitUntilAcceptingAsync(_options.Mqtt.Port, StartDeadline);
        }

        return _options.Mqtt.Port;
    }

    /// <summary>True when the agent's database has device <paramref name="id"/>.</summary>
    public Task<bool> HasDeviceAsync(string id) =>
        ReadAsync(async db => await new DeviceStore(db, new OutboxStore(db, TimeProvider.System, int.MaxValue)).GetDeviceAsync(id, CancellationToken.None) is not null);

    /// <summary>Entries waiting in the agent's upstream outbox.</summary>
    public Task<long> OutboxCountAsync() => ReadAsync(db => new OutboxStore(db, TimeProvider.System, int.MaxValue).CountAsync(CancellationToken.None));

    /// <summary>Stops every module and closes the database, as a process exit would.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await TerminateAsync(process);
            return;
        }

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

    /// <summary>
    /// Ends the agent without letting it clean up: SIGKILL of the agent process alone (its workloads, in process groups
    /// of their own, keep running, as after a crash). The in-process agent cannot be killed that way; it is stopped as
    /// <see cref="StopAsync"/> does, so the kill only means a crash with <c>EDGEHIVE_AGENT_BINARY</c> set, which test.sh
    /// always sets.
    /// </summary>
    /// <returns>True when the agent was really killed.</returns>
    public async Task<bool> KillAsync()
    {
        if (_process is not { } process)
        {
            await StopAsync();
            return false;
        }

        _process = null;
        using (process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        return true;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<T> ReadAsync<T>(Func<AgentDatabase, Task<T>> read)
    {
        if (_database is not null)
        {
            return await read(_database);
        }

        // The agent process owns the file; a second connection reads it (WAL lets readers beside the writer).
        await using var database = await AgentDatabase.OpenAsync(_options.DatabasePath, CancellationToken.None);
        return await read(database);
    }

    private void StartProcess(string binary)
    {
        var arguments = new List<string>
        {
            "--cloud", string.Join(",", _options.CloudUrls), "--node", _options.NodeName, "--data", _options.DataDirectory,
            "--mqtt", _options.Mqtt.ToString(),
        };
        if (_options.JoinToken is { } token)
        {
            arguments.AddRange(["--token", token]);
        }

        if (_options.MqttMaxPacketSize is { } max)
        {
            arguments.AddRange(["--mqtt-max-packet", max.ToString(CultureInfo.InvariantCulture)]);
        }

        if (_options.WorkloadsDirectory is { } workloads)
        {
            arguments.AddRange(["--workloads", workloads]);
        }

        var start = new ProcessStartInfo(binary, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start.");

        _output.Follow(process);
        _process = process;
    }

    /// <summary>What the agent process wrote so far, its last 192–240 K characters (empty for an in-process agent).</summary>
    public string Output => _output.ToString();

    private static async Task TerminateAsync(Process process)
    {
        using (process)
        {
            if (!process.HasExited)
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await term!.WaitForExitAsync();
            }

            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException("The agent did not stop within 30 s of SIGTERM.");
            }
        }
    }
}
