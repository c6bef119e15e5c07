using System.Text;

namespace EdgeHive.Edge.Protocol.Tests;

/// <summary>One fully populated message per kind, built through the real factories.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_732_233_600_123);

    public static EdgeMessageFactory CloudFactory() => NewFactory(EdgeProtocolConstants.CloudSource, "c");

    public static EdgeMessageFactory EdgeFactory() => NewFactory(EdgeProtocolConstants.EdgeSource, "e");

    public static EdgeMessageFactory NewFactory(string source, string prefix)
    {
        var next = 0;
        return new EdgeMessageFactory(source, new FixedTimeProvider(Now), () => $"{prefix}-{++next}");
    }

    public static Device Thermometer(string name = "thermo-1") => new()
    {
        Namespace = "default",
        Name = name,
        Model = "thermometer",
        NodeName = "edge-1",
        Description = "Ofen °C",
        Protocol = new DeviceProtocolConfig
        {
            Name = "modbus",
            Settings = new Dictionary<string, string> { ["slaveId"] = "1", ["address"] = "10.0.0.7:502" },
        },
        Labels = new Dictionary<string, string> { ["room"] = "lab" },
    };

    public static DeviceModel ThermometerModel() => new()
    {
        Namespace = "default",
        Name = "thermometer",
        Description = "temperature sensor",
        Properties =
        [
            new DeviceModelProperty
            {
                Name = "temperature", Type = PropertyType.Double, AccessMode = PropertyAccessMode.ReadOnly,
                Unit = "°C", Minimum = -40, Maximum = 125,
            },
            new DeviceModelProperty { Name = "enabled", Type = PropertyType.Boolean },
        ],
    };

    /// <summary>Kind → a message of that kind.</summary>
    public static IReadOnlyDictionary<string, EdgeMessage> All()
    {
        var cloud = CloudFactory();
        var edge = EdgeFactory();
        var request = cloud.ServiceRequest(new ServiceRequest
        {
            Method = "POST",
            Path = "/api/reset?hard=true",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = Encoding.UTF8.GetBytes("{\"x\":1}"),
            TargetPort = 8080,
            TimeoutMs = 5_000,
        });
        var logs = cloud.WorkloadLogs(new WorkloadLogsRequest { Namespace = "default", Name = "sensor-reader", Tail = 50 });
        var reported = edge.TwinReported(new TwinReportedUpdate
        {
            Namespace = "default",
            Name = "thermo-1",
            Sequence = 41,
            Properties = new Dictionary<string, TwinReportedProperty>
            {
                ["temperature"] = new() { Value = "21.5", EdgeVersion = 7, Timestamp = 1_732_233_599_000 },
            },
        });
        var device = cloud.DeviceUpsert(Thermometer(), 17);

        var messages = new[]
        {
            cloud.Welcome(new SessionWelcome
            {
                NodeName = "edge-1",
                SessionEpoch = 3,
                NodeCredential = "ehn_secret",
                ServerTime = 1_732_233_600_000,
                KeepAlive = new KeepAliveSettings { IntervalMs = 15_000, TimeoutMs = 30_000 },
                MaxFrameBytes = 65_536,
                MaxBatchCount = 20,
                RateLimitPerSecond = 12.5,
                RateLimitBurst = 25,
            }),
            edge.KeepAlive(),
            edge.Ack(device),
            cloud.Error(reported, ErrorCodes.Forbidden, "device default/thermo-1 is not bound to node edge-1"),
            device,
            cloud.DeviceDelete("default", "thermo-2", 18),
            cloud.DeviceModelUpsert(ThermometerModel(), 5),
            cloud.DeviceModelDelete("default", "old-model", 6),
            cloud.MembershipAdd("edge-1", Thermometer("thermo-3"), 19),
            cloud.MembershipRemove("edge-1", "default", "thermo-4", 20),
            cloud.TwinDesired(
                new TwinDesiredUpdate
                {
                    Namespace = "default",
                    Name = "thermo-1",
                    Properties = new Dictionary<string, TwinDesiredProperty>
                    {
                        ["enabled"] = new() { Value = "true", CloudVersion = 4, EdgeVersion = 7, Timestamp = 1_732_233_500_000 },
                        ["setpoint"] = new() { Value = null, CloudVersion = 2, Timestamp = 1_732_233_400_000 },
                    },
                },
                21),
            request,
            edge.NodeStatus("edge-1", new NodeStatus
            {
                Info = new NodeInfo
                {
                    Hostname = "pi-7",
                    Os = "linux",
                    Arch = "arm64",
                    AgentVersion = "0.1.0",
                    Capacity = new NodeCapacity { CpuCores = 4, MemoryBytes = 4L << 30, MaxDevices = 200 },
                    Labels = new Dictionary<string, string> { ["site"] = "hall-3" },
                },
                Ready = true,
                DeviceCount = 12,
            }),
            edge.DeviceState(new DeviceStateReport
            {
                Namespace = "default", Name = "thermo-1", State = DeviceStates.Offline,
                LastOnline = 1_732_233_000_000, Sequence = 40,
            }),
            reported,
            edge.Upload(new UploadEvent
            {
                Topic = "$hw/events/upload/alarm", Payload = [0, 1, 2, 255], Sequence = 42,
            }),
            edge.ServiceResponse(request, new ServiceResponse
            {
                StatusCode = 200,
                Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" },
                Body = Encoding.UTF8.GetBytes("ok"),
            }),
            cloud.WorkloadUpsert(
                new Workload
                {
                    Namespace = "default",
                    Name = "sensor-reader",
                    Process = new WorkloadProcess
                    {
                        Executable = "bin/sensor-reader",
                        Args = ["--port", "/dev/ttyUSB0"],
                        Env = new Dictionary<string, string> { ["LOG_LEVEL"] = "info" },
                    },
                    RestartPolicy = "OnFailure",
                    StopGracePeriodSeconds = 10,
                },
                3),
            cloud.WorkloadDelete("default", "old-reader", 8),
            edge.WorkloadStatus(new WorkloadStatusReport
            {
                Namespace = "default", Name = "sensor-reader", ObservedGeneration = 3, Phase = "CrashLoopBackOff",
                Reason = "BackOff", Message = "exited with code 2; next start in 4 s", Restarts = 3, LastExitCode = 2,
                StartedAt = 1_732_233_590_000, FinishedAt = 1_732_233_596_000, NextStartAt = 1_732_233_600_000, Sequence = 43,
            }),
            logs,
            edge.WorkloadLogsResult(logs, new WorkloadLogsResponse
            {
                StatusCode = 200,
                Lines = [new WorkloadLogLine { Time = 1_732_233_595_000, Stream = "stderr", Text = "cannot open /dev/ttyUSB0" }],
            }),
        };
        return messages.ToDictionary(message => message.Kind);
    }

    public static TheoryData<string> Kinds()
    {
        var data = new TheoryData<string>();
        foreach (var info in EdgeMessageKinds.All)
        {
            data.Add(info.Kind);
        }

        return data;
    }
}
