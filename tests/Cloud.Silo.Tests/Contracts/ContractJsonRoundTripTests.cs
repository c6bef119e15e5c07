using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Contracts;

/// <summary>Everything that crosses silos is serialized with System.Text.Json's web defaults; every contract record
/// must come back with nothing lost.</summary>
public sealed class ContractJsonRoundTripTests
{
    private static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    public static TheoryData<string, object> Contracts()
    {
        var device = Samples.Device();
        var data = new TheoryData<string, object>();
        void Add(object value) => data.Add(value.GetType().Name, value);
        Add(Samples.Model());
        Add(Samples.Model().Spec);
        Add(Samples.Model().Status);
        Add(Samples.ThermostatProperties[0]);
        Add(device);
        Add(device.Spec);
        Add(device.Status);
        Add(device.Spec.Protocol!);
        Add(device.Status.Twin["setpoint"]);
        Add(device.Status.Twin["setpoint"].Desired!);
        Add(device.Status.Twin["setpoint"].Reported!);
        Add(device.Status.Twin["setpoint"].ObservedDesired!);
        Add(new ReportedPropertyUpdate("23", 8, Samples.T0));
        Add(new EdgeTwinReport(17, new Dictionary<string, ReportedPropertyUpdate> { ["temperature"] = new("23", 8, Samples.T0) }));
        Add(new DesiredAck(5, false, "conflict"));
        Add(new EdgeUpdateResult(9, ["temperature"], [new ValidationError("humidity", "unknown property")]));
        Add(Samples.Node());
        Add(Samples.Node().Info!);
        Add(Samples.Node().Info!.Capacity);
        Add(Samples.Node().Session);
        Add(new ObjectSync("edge-1", ObjectKind.Device, "default/thermo-1", 7, 5, Samples.T0, Samples.T0));
        Add(new DownstreamMessage("m-1", ObjectKind.Device, "default/thermo-1", "twin", 7, Samples.T0, """{"twin":{"setpoint":{"expected":{"value":"21.5"}}}}"""));
        Add(new SessionAttachment(4, "10.0.0.2:11111@7", 3));
        Add(new NodeSessionInfo("edge-1", 4, "10.0.0.2:11111@7", true, Samples.T0));
        Add(new ValidationError("setpoint", "out of range"));
        Add(OperationResult<Device>.Ok(device, device.ETag));
        Add(OperationResult<Device>.ValidationFailed("setpoint", "above the maximum"));
        Add(OperationResult<DeviceModel>.PreconditionFailed("\"8\""));
        Add(OperationResult<EdgeUpdateResult>.Conflict("in use", "\"3\""));
        Add(OperationResult<NodeStatus>.Ok(NodeStatus.Offline, null));
        Add(new DeviceFilter("default", "edge-1", "thermostat", "online", ["site=berlin", "tier"]));
        Add(new NodeFilter("online", ["site=berlin"]));
        Add(new PageRequest("name", true, 50, "opaque-cursor"));
        Add(new PortalPage<Device>([device], "next", 41));
        Add(new PortalChange(12, "device", "default/thermo-1", "edge-1", "updated", 7, Samples.T0));
        var token = new JoinTokenView("jt-1", "fleet", Samples.T0, Samples.T0.AddHours(1), 3, 10, false);
        Add(token);
        Add(new IssuedJoinTokenView(token, "ehj_jt-1.secret"));
        Add(new SiloSummary("10.0.0.2:11111@7", "silo-a", "Active", Samples.T0, Samples.T0, new Dictionary<string, int> { ["device"] = 4 }, true));
        var workload = Samples.Workload();
        Add(workload);
        Add(workload.Spec);
        Add(workload.Spec.Placement);
        Add(workload.Spec.Process);
        Add(workload.Status);
        Add(workload.Status.Nodes[0]);
        Add(new WorkloadLogTail("edge-1", 200, [new WorkloadLogEntry(Samples.T0, "stdout", "tick 1")], null));
        Add(new WorkloadLogEntry(Samples.T0, "stderr", "oops"));
        Add(new WorkloadStatusUpdate(43, 3, WorkloadPhase.CrashLoopBackOff, "BackOff", "exited with code 2", null, 3, 2, Samples.T0, Samples.T0));
        return data;
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Contract_survives_a_round_trip_through_web_json(string name, object value)
    {
        var type = value.GetType();
        var json = JsonSerializer.Serialize(value, type, Web);

        var back = JsonSerializer.Deserialize(json, type, Web);

        Assert.NotNull(back);
        var again = JsonSerializer.Serialize(back, type, Web);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(again)), $"{name}: {json} became {again}");
    }

    [Fact]
    public void Every_contract_record_has_a_round_trip_sample()
    {
        var covered = Contracts().Select(row => ((object)row[1]).GetType()).Select(Open).ToHashSet();
        var records = typeof(IDeviceGrain).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(IDeviceGrain).Namespace && t.IsClass && !t.IsAbstract)
            .Where(t => t.GetMethod("<Clone>$") is not null)
            .Select(Open);

        Assert.Empty(records.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void Enums_are_written_as_kubeedge_words()
    {
        var json = JsonSerializer.Serialize(Samples.Device(), Web);
        var model = JsonSerializer.Serialize(Samples.Model(), Web);

        Assert.Contains("\"state\":\"online\"", json, StringComparison.Ordinal);
        Assert.Contains("\"sync\":\"Rejected\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"double\"", model, StringComparison.Ordinal);
        Assert.Contains("\"accessMode\":\"ReadOnly\"", model, StringComparison.Ordinal);
    }

    [Fact]
    public void Protocol_config_is_embedded_as_json_and_read_back_compact()
    {
        var json = """{"name":"modbus","config":{ "slaveId" : 1, "tags": ["a"] }}""";

        var protocol = JsonSerializer.Deserialize<ProtocolConfig>(json, Web)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(protocol, Web))!;

        Assert.Equal("""{"slaveId":1,"tags":["a"]}""", protocol.Config);
        Assert.Equal(1, written["config"]!["slaveId"]!.GetValue<int>());
    }

    [Fact]
    public void Protocol_config_that_is_not_json_is_refused_when_written()
    {
        var protocol = new ProtocolConfig("modbus", "{not json");

        Assert.ThrowsAny<Exception>(() => JsonSerializer.Serialize(protocol, Web));
    }

    [Fact]
    public void Etag_and_key_are_derived_from_version_and_names()
    {
        var device = Samples.Device();
        var node = JsonNode.Parse(JsonSerializer.Serialize(device, Web))!;

        Assert.Equal("\"6\"", device.ETag);
        Assert.Equal("\"6\"", node["etag"]!.GetValue<string>());
        Assert.Equal("default/thermo-1", node["key"]!.GetValue<string>());
        Assert.Equal(EdgeHive.Cloud.Silo.Domain.ETags.Format(device.ResourceVersion), device.ETag);
    }

    [Fact]
    public void Missing_collections_read_as_empty_not_null()
    {
        var spec = JsonSerializer.Deserialize<DeviceSpec>("""{"model":"thermostat"}""", Web)!;
        var status = JsonSerializer.Deserialize<DeviceStatus>("""{"state":"unknown"}""", Web)!;
        var report = JsonSerializer.Deserialize<EdgeTwinReport>("""{"outboxSequence":3}""", Web)!;
        var result = JsonSerializer.Deserialize<OperationResult<Device>>("""{"status":"NotFound"}""", Web);

        Assert.Empty(spec.Labels);
        Assert.Empty(spec.Desired);
        Assert.Empty(status.Twin);
        Assert.Empty(report.Properties);
        Assert.Equal(OperationStatus.NotFound, result!.Status);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Failure_results_carry_status_etag_and_errors()
    {
        var result = OperationResult<Device>.ValidationFailed("setpoint", "above the maximum");
        var back = JsonSerializer.Deserialize<OperationResult<Device>>(JsonSerializer.Serialize(result, Web), Web)!;

        Assert.Equal(OperationStatus.ValidationFailed, back.Status);
        Assert.Null(back.Value);
        Assert.Equal(new ValidationError("setpoint", "above the maximum"), Assert.Single(back.Errors));
    }

    [Fact]
    public void Failure_converts_to_another_value_type_and_success_does_not()
    {
        var conflict = OperationResult<Device>.Conflict("in use", "\"3\"").AsFailure<DeviceModel>();

        Assert.Equal(OperationStatus.Conflict, conflict.Status);
        Assert.Equal("\"3\"", conflict.ETag);
        Assert.Throws<InvalidOperationException>(() => OperationResult<Device>.Ok(Samples.Device(), null).AsFailure<DeviceModel>());
    }

    [Fact]
    public void Grain_interfaces_return_tasks_only()
    {
        var interfaces = typeof(IDeviceGrain).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(IDeviceGrain).Namespace && t.IsInterface)
            .ToList();

        Assert.Contains(typeof(IEdgeSessionObserver), interfaces);
        // Each is an Orleans grain or observer interface.
        Assert.All(interfaces, i => Assert.True(
            typeof(global::Orleans.IGrain).IsAssignableFrom(i) || typeof(global::Orleans.IGrainObserver).IsAssignableFrom(i),
            i.Name));
        Assert.All(
            interfaces.SelectMany(i => i.GetMethods()),
            m => Assert.True(typeof(Task).IsAssignableFrom(m.ReturnType), $"{m.DeclaringType!.Name}.{m.Name}"));
    }

    private static Type Open(Type t) => t.IsGenericType ? t.GetGenericTypeDefinition() : t;
}
