using EdgeHive.Edge.Agent.Options;

namespace EdgeHive.Edge.Agent.Tests.Options;

public sealed class AgentCommandLineTests
{
    private readonly AgentCommandLine _commandLine = new((_, _) => Task.FromResult(0));

    [Fact]
    public void Join_token_comes_from_the_environment_when_not_on_the_command_line()
    {
        Environment.SetEnvironmentVariable(AgentCommandLine.JoinTokenVariable, "ehj_from-env");
        try
        {
            var fromEnvironment = _commandLine.Bind(_commandLine.Root.Parse(["--cloud", "ws://c/edge", "--node", "n1"]));
            var fromArgument = _commandLine.Bind(_commandLine.Root.Parse(["--cloud", "ws://c/edge", "--node", "n1", "--token", "ehj_from-arg"]));

            Assert.Equal("ehj_from-env", fromEnvironment.JoinToken);
            Assert.Equal("ehj_from-arg", fromArgument.JoinToken);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AgentCommandLine.JoinTokenVariable, null);
        }
    }

    [Fact]
    public void Minimal_command_line_gets_the_documented_defaults()
    {
        var result = _commandLine.Root.Parse(["--cloud", "wss://cloud-a/edge/v1/connect,ws://cloud-b:8080/edge/v1/connect", "--node", "edge-1"]);

        Assert.Empty(result.Errors);
        var options = _commandLine.Bind(result);
        Assert.Equal(["wss://cloud-a/edge/v1/connect", "ws://cloud-b:8080/edge/v1/connect"], options.CloudUrls.Select(u => u.ToString()));
        Assert.Equal(("edge-1", null, "./edge-data"), (options.NodeName, options.JoinToken, options.DataDirectory));
        Assert.Equal(new MqttEndpoint(MqttMode.Embedded, "127.0.0.1", 1883), options.Mqtt);
        Assert.Equal(Path.Combine("./edge-data", "edge.db"), options.DatabasePath);
        Assert.Equal(0, options.SimulatedDevices);
        Assert.Equal(1024 * 1024, options.MqttMaxPacketSize);
    }

    [Fact]
    public void Mqtt_max_packet_is_bound_and_documented_in_help()
    {
        var options = _commandLine.Bind(_commandLine.Root.Parse(["--cloud", "ws://c/edge", "--node", "n1", "--mqtt-max-packet", "65536"]));
        var help = new StringWriter();
        _commandLine.Root.Parse(["--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = help });

        Assert.Equal(65536, options.MqttMaxPacketSize);
        Assert.Contains("--mqtt-max-packet", help.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Workloads_is_off_by_default_bound_as_a_full_path_and_must_exist()
    {
        var dir = Directory.CreateTempSubdirectory("edgehive-workloads-");
        try
        {
            Assert.Null(_commandLine.Bind(_commandLine.Root.Parse(["--cloud", "ws://c/edge", "--node", "n1"])).WorkloadsDirectory);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, dir.FullName);
            var options = _commandLine.Bind(_commandLine.Root.Parse(["--cloud", "ws://c/edge", "--node", "n1", "--workloads", relative]));
            Assert.Equal(dir.FullName, options.WorkloadsDirectory);

            var missing = _commandLine.Root.Parse(["--cloud", "ws://c/edge", "--node", "n1", "--workloads", Path.Combine(dir.FullName, "nope")]);
            Assert.Contains(missing.Errors, e => e.Message.Contains("--workloads", StringComparison.Ordinal) && e.Message.Contains("does not exist", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Simulate_is_bound_and_documented_in_help()
    {
        var options = _commandLine.Bind(_commandLine.Root.Parse(["--cloud", "ws://c/edge", "--node", "n1", "--simulate", "3"]));
        var help = new StringWriter();
        _commandLine.Root.Parse(["--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = help });

        Assert.Equal(3, options.SimulatedDevices);
        foreach (var option in new[] { "--cloud", "--node", "--token", "--data", "--mqtt", "--simulate", "--workloads" })
        {
            Assert.Contains(option, help.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void External_broker_and_token_are_bound()
    {
        var options = _commandLine.Bind(_commandLine.Root.Parse(
            ["--cloud", "ws://c/edge", "--node", "n.1", "--token", "abc.def", "--data", "/var/lib/edgehive", "--mqtt", "tcp://broker.local:1884"]));

        Assert.Equal(new MqttEndpoint(MqttMode.External, "broker.local", 1884), options.Mqtt);
        Assert.Equal(("abc.def", "/var/lib/edgehive"), (options.JoinToken, options.DataDirectory));
    }

    [Theory]
    [InlineData("--cloud", "http://cloud/edge", "not a ws:// or wss:// URL")]
    [InlineData("--cloud", "ws://ok/edge,nonsense", "'nonsense'")]
    [InlineData("--node", "Edge_1", "not a valid node name")]
    [InlineData("--node", "edge/1", "not a valid node name")]
    [InlineData("--mqtt", "udp://0.0.0.0:1883", "scheme 'udp'")]
    [InlineData("--mqtt", "tcp://host:1883/path", "no path")]
    [InlineData("--token", "has space", "without spaces")]
    [InlineData("--mqtt-max-packet", "100", "--mqtt-max-packet must be 1024..268435460 bytes")]
    public void Invalid_values_give_clear_errors(string option, string value, string expected)
    {
        var args = new Dictionary<string, string> { ["--cloud"] = "ws://c/edge", ["--node"] = "edge-1", [option] = value };

        var result = _commandLine.Root.Parse(args.SelectMany(a => new[] { a.Key, a.Value }).ToArray());

        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => _commandLine.Bind(result));
    }

    [Fact]
    public void Missing_required_options_are_reported()
    {
        var result = _commandLine.Root.Parse([]);

        Assert.Contains(result.Errors, e => e.Message.Contains("--cloud", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("--node", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_explains_every_option()
    {
        var output = new StringWriter();
        var exit = _commandLine.Root.Parse(["--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--cloud", "--node", "--token", "--data", "--mqtt", "embedded://", "tcp://" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("embedded://127.0.0.1", MqttMode.Embedded, "127.0.0.1", 1883)]
    [InlineData("tcp://mosquitto:11883", MqttMode.External, "mosquitto", 11883)]
    public void Mqtt_endpoint_parses(string text, MqttMode mode, string host, int port)
    {
        Assert.True(MqttEndpoint.TryParse(text, out var endpoint, out _));
        Assert.Equal(new MqttEndpoint(mode, host, port), endpoint);
    }
}
