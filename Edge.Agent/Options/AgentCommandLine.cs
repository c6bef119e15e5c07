using System.CommandLine;
using EdgeHive.Edge.Agent.EventBus;

namespace EdgeHive.Edge.Agent.Options;

/// <summary>The agent's command line (System.CommandLine): options, help texts, validation, binding.</summary>
public sealed class AgentCommandLine
{
    /// <summary>The environment variable read when <c>--token</c> is not given.</summary>
    public const string JoinTokenVariable = "EDGEHIVE_JOIN_TOKEN";

    private readonly Option<string> _cloud = new("--cloud")
    {
        Description = "Cloud WebSocket URL(s), comma-separated, tried in turn (e.g. wss://cloud-a/edge/v1/connect,wss://cloud-b/edge/v1/connect).",
        HelpName = "ws-url[,ws-url...]",
        Required = true,
    };

    private readonly Option<string> _node = new("--node")
    {
        Description = "Name of this edge node (Kubernetes DNS subdomain: lowercase letters, digits, '-', '.').",
        HelpName = "name",
        Required = true,
    };

    private readonly Option<string?> _token = new("--token")
    {
        Description = "Join token for the first registration with the cloud (default: the environment variable " + JoinTokenVariable + ", which keeps it " +
            "off the process command line). Later starts use the node credential stored in the data directory.",
        HelpName = "join-token",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(JoinTokenVariable) is { } token && !string.IsNullOrWhiteSpace(token) ? token.Trim() : null,
    };

    private readonly Option<string> _data = new("--data")
    {
        Description = "Directory holding the agent's SQLite database (devices, twins, cloud objects, outbox, credential).",
        HelpName = "dir",
        DefaultValueFactory = _ => "./edge-data",
    };

    private readonly Option<string> _mqtt = new("--mqtt")
    {
        Description = "MQTT broker for devices and mappers: embedded://address:port (default embedded://127.0.0.1:1883, loopback only) runs the built-in broker there; " +
            "tcp://host:port connects to an external one (e.g. mosquitto) with a persistent session and reconnects when it restarts.",
        HelpName = "url",
        DefaultValueFactory = _ => MqttEndpoint.Default.ToString(),
    };

    private readonly Option<int> _simulate = new("--simulate")
    {
        Description = "Run the built-in simulated-device mapper for up to n devices bound to this node (readings every 5 s, desired values applied); " +
            "when the cloud is not reached within 10 s and no device is bound, n synthetic devices default/sim-1..n are bound locally for a cloud-less demo. 0 (default) = off.",
        HelpName = "n",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _mqttMaxPacket = new("--mqtt-max-packet")
    {
        Description = "Largest MQTT packet in bytes the embedded broker accepts from a client (header included); a client that sends a bigger one " +
            "is disconnected before its payload is buffered, other clients are unaffected. Default 1048576 (1 MiB). " +
            "With tcp:// set max_packet_size on that broker instead.",
        HelpName = "bytes",
        DefaultValueFactory = _ => EventBusOptions.DefaultMaxPacketSize,
    };

    private readonly Option<string?> _workloads = new("--workloads")
    {
        Description = "Opt in to running workloads (Edged): the directory whose executables the cloud may start on this node. " +
            "An executable must resolve inside it (no '..', no symlink out of it); anything else is refused with a status that says why. " +
            "Without it the node stores its assignments but runs nothing.",
        HelpName = "dir",
    };

    /// <summary>Builds the command; <paramref name="run"/> runs the agent with the validated options.</summary>
    public AgentCommandLine(Func<AgentOptions, CancellationToken, Task<int>> run)
    {
        _cloud.Validators.Add(r => AddError(r, AgentOptionsRules.ParseCloudUrls(r.GetValueOrDefault<string>(), out _)));
        _node.Validators.Add(r => AddError(r, AgentOptionsRules.ValidateNodeName(r.GetValueOrDefault<string>())));
        _token.Validators.Add(r => AddError(r, AgentOptionsRules.ValidateToken(r.GetValueOrDefault<string?>())));
        _data.Validators.Add(r => AddError(r, AgentOptionsRules.ValidateDataDirectory(r.GetValueOrDefault<string>())));
        _simulate.Validators.Add(r => AddError(r, r.GetValueOrDefault<int>() is >= 0 and <= 10_000 ? null : "--simulate must be 0..10000."));
        _workloads.Validators.Add(r => AddError(r, AgentOptionsRules.ValidateWorkloadsDirectory(r.GetValueOrDefault<string?>())));
        _mqttMaxPacket.Validators.Add(r => AddError(r, AgentOptionsRules.ValidateMqttMaxPacket(r.GetValueOrDefault<int>())));
        _mqtt.Validators.Add(r => AddError(r, MqttEndpoint.TryParse(r.GetValueOrDefault<string>(), out _, out var error) ? null : "--mqtt: " + error));

        Root = new RootCommand("EdgeHive edge agent: serves KubeEdge-compatible MQTT devices, keeps working offline, and syncs with the EdgeHive cloud.")
        {
            _cloud, _node, _token, _data, _mqtt, _mqttMaxPacket, _simulate, _workloads,
        };
        Root.SetAction((result, cancellationToken) => run(Bind(result), cancellationToken));
    }

    /// <summary>The root command (parse with <c>Root.Parse(args)</c>).</summary>
    public RootCommand Root { get; }

    /// <summary>Turns a parse result without errors into <see cref="AgentOptions"/>.</summary>
    public AgentOptions Bind(ParseResult result)
    {
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("The command line has errors: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        AgentOptionsRules.ParseCloudUrls(result.GetValue(_cloud), out var urls);
        MqttEndpoint.TryParse(result.GetValue(_mqtt), out var mqtt, out _);
        return new AgentOptions(urls, result.GetValue(_node)!, result.GetValue(_token), result.GetValue(_data)!, mqtt!, result.GetValue(_simulate), result.GetValue(_mqttMaxPacket))
        {
            WorkloadsDirectory = result.GetValue(_workloads) is { } workloads ? Path.GetFullPath(workloads) : null,
        };
    }

    private static void AddError(System.CommandLine.Parsing.OptionResult result, string? error)
    {
        if (error is not null)
        {
            result.AddError(error);
        }
    }
}
