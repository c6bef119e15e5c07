using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests;

/// <summary>Realistic contract values shared by the tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static DeviceModelProperty Property(
        string name,
        PropertyType type,
        AccessMode access = AccessMode.ReadWrite,
        double? min = null,
        double? max = null) =>
        new(name, type, access, null, min, max, null);

    public static IReadOnlyList<DeviceModelProperty> ThermostatProperties { get; } =
    [
        new("temperature", PropertyType.Double, AccessMode.ReadOnly, "°C", -40, 125, "Measured temperature"),
        new("setpoint", PropertyType.Float, AccessMode.ReadWrite, "°C", 5, 30, "Target temperature"),
        new("fan-speed", PropertyType.Int, AccessMode.ReadWrite, "rpm", 0, 3000, null),
        new("power", PropertyType.Boolean, AccessMode.ReadWrite, null, null, null, null),
        new("label", PropertyType.String, AccessMode.ReadWrite, null, null, null, null),
        new("firmware", PropertyType.Bytes, AccessMode.ReadWrite, null, null, null, null),
    ];

    public static Workload Workload() =>
        new("default", "sensor-reader",
            new WorkloadSpec(
                new WorkloadPlacement(NodeSelector: new Dictionary<string, string> { ["site"] = "berlin" }),
                new WorkloadProcessSpec("bin/reader", ["--port", "/dev/ttyUSB0"], new Dictionary<string, string> { ["LOG_LEVEL"] = "info" }, "data"),
                WorkloadRestartPolicy.OnFailure,
                10,
                "reads the sensor"),
            new WorkloadStatus([new WorkloadNodeStatus("edge-1", WorkloadPhase.Running, null, null, 4242, 1, 137, T0, T0, 3, 3, T0)]),
            3, 4, T0, T0);

    public static DeviceModel Model() =>
        new("default", "thermostat", new DeviceModelSpec("A thermostat", ThermostatProperties), new DeviceModelStatus(2), 7, T0, T0.AddMinutes(1));

    public static DeviceSpec Spec(string? node = "edge-1") =>
        new(
            "thermostat",
            node,
            new ProtocolConfig("modbus", """{"slaveId":1,"registers":[{"name":"setpoint","offset":40001}]}"""),
            new Dictionary<string, string> { ["site"] = "berlin", ["edgehive.io/tier"] = "gold" },
            new Dictionary<string, string> { ["setpoint"] = "21.5", ["power"] = "true" });

    public static Device Device()
    {
        var twin = new Dictionary<string, TwinProperty>
        {
            ["setpoint"] = new(
                new DesiredValue("21.5", 5, T0),
                new ReportedValue("20.5", T0.AddSeconds(1), 3),
                new ObservedDesired("20.5", 4, T0),
                SyncState.Pending,
                null),
            ["power"] = new(new DesiredValue("true", 5, T0), null, null, SyncState.Rejected, "device is locked"),
            ["temperature"] = new(null, new ReportedValue("19.25", T0, 9), null, SyncState.InSync, null),
        };
        var status = new DeviceStatus(DeviceState.Online, T0, T0, twin, 42);
        return new Device("default", "thermo-1", Spec(), status, 6, T0, T0.AddSeconds(2));
    }

    public static EdgeNode Node() =>
        new(
            "edge-1",
            new Dictionary<string, string> { ["region"] = "eu" },
            new NodeInfo("edge-1.local", "linux", "arm64", "0.1.0", new NodeCapacity(4, 4L << 30, 32L << 30, 100)),
            NodeStatus.Online,
            T0,
            new NodeSession("10.0.0.1:11111@1", 3, true, T0),
            ["default/thermo-1"],
            12,
            T0,
            T0);
}
