using System.Text.Json;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Serialization;

namespace EdgeHive.Edge.Agent.Tests.DeviceTwin;

/// <summary>Every example payload of KUBEEDGE-MQTT.md parses exactly as shown.</summary>
public sealed class KubeEdgePayloadTests
{
    private static readonly AgentJsonContext Context = AgentJsonContext.Default;

    [Fact]
    public void Twin_property_with_all_fields_parses()
    {
        const string payload = """
            { "expected": { "value": "ON",  "metadata": { "timestamp": 1710000000000 } },
              "actual":   { "value": "OFF", "metadata": { "timestamp": 1710000000000 } },
              "optional": true,
              "metadata": { "type": "string" },
              "expected_version": { "cloud": 3, "edge": 1 },
              "actual_version":   { "cloud": 0, "edge": 7 } }
            """;

        var twin = JsonSerializer.Deserialize(payload, Context.MsgTwin)!;

        Assert.Equal("ON", twin.Expected!.Value);
        Assert.Equal(1710000000000, twin.Expected.Metadata!.Timestamp);
        Assert.Equal("OFF", twin.Actual!.Value);
        Assert.Equal(1710000000000, twin.Actual.Metadata!.Timestamp);
        Assert.True(twin.Optional);
        Assert.Equal("string", twin.Metadata!.Type);
        Assert.Equal((3, 1), (twin.ExpectedVersion!.Cloud, twin.ExpectedVersion.Edge));
        Assert.Equal((0, 7), (twin.ActualVersion!.Cloud, twin.ActualVersion.Edge));
    }

    [Fact]
    public void Counter_demo_mapper_report_parses()
    {
        const string payload = """{"event_id":"","timestamp":0,"twin":{"status":{"actual":{"value":"1643"},"metadata":{"type":"Updated"}}}}""";

        var update = JsonSerializer.Deserialize(payload, Context.DeviceTwinUpdate)!;

        Assert.Equal("", update.EventId);
        Assert.Equal(0, update.Timestamp);
        var status = Assert.Single(update.Twin!);
        Assert.Equal("status", status.Key);
        Assert.Equal("1643", status.Value!.Actual!.Value);
        Assert.Null(status.Value.Actual.Metadata);
        Assert.Equal("Updated", status.Value.Metadata!.Type);
        Assert.Null(status.Value.Expected);
    }

    [Fact]
    public void Two_property_update_parses()
    {
        const string payload = """{"event_id":"","timestamp":0,"twin":{"temperature":{"actual":{"value":"23"},"metadata":{"type":"Updated"}},"humidity":{"actual":{"value":"29"},"metadata":{"type":"Updated"}}}}""";

        var update = JsonSerializer.Deserialize(payload, Context.DeviceTwinUpdate)!;

        Assert.Equal(["temperature", "humidity"], update.Twin!.Keys);
        Assert.Equal("23", update.Twin["temperature"]!.Actual!.Value);
        Assert.Equal("29", update.Twin["humidity"]!.Actual!.Value);
    }

    [Fact]
    public void Delta_parses()
    {
        const string payload = """
            { "event_id": "d1", "timestamp": 1710000000123,
              "twin":  { "status": { "expected": { "value": "ON" }, "actual": { "value": "OFF" }, "metadata": { "type": "string" } } },
              "delta": { "status": "ON" } }
            """;

        var delta = JsonSerializer.Deserialize(payload, Context.DeviceTwinDelta)!;

        Assert.Equal("d1", delta.EventId);
        Assert.Equal(1710000000123, delta.Timestamp);
        Assert.Equal("ON", delta.Twin["status"]!.Expected!.Value);
        Assert.Equal("OFF", delta.Twin["status"]!.Actual!.Value);
        Assert.Equal("string", delta.Twin["status"]!.Metadata!.Type);
        Assert.Equal("ON", Assert.Single(delta.Delta).Value);
    }

    [Fact]
    public void Document_parses()
    {
        const string payload = """
            {"event_id":"x","timestamp":5,"twin":{"status":{"last":{"actual":{"value":"1"}},"current":{"expected":{"value":"2"},"actual":{"value":"3"},"metadata":{"type":"int"}}}}}
            """;

        var document = JsonSerializer.Deserialize(payload, Context.DeviceTwinDocument)!;

        Assert.Equal("1", document.Twin["status"].Last!.Actual!.Value);
        Assert.Equal("2", document.Twin["status"].Current!.Expected!.Value);
        Assert.Equal("int", document.Twin["status"].Current!.Metadata!.Type);
    }

    [Theory]
    [InlineData("""{"event_id":"g1","timestamp":0}""", "g1")]
    [InlineData("{}", "")]
    public void Get_request_parses(string payload, string eventId)
    {
        var request = JsonSerializer.Deserialize(payload, Context.EventRequest)!;

        Assert.Equal(eventId, request.EventId);
        Assert.Equal(0, request.Timestamp);
    }

    [Fact]
    public void State_update_and_result_parse()
    {
        var update = JsonSerializer.Deserialize("""{"event_id":"s1","timestamp":0,"state":"online"}""", Context.DeviceStateUpdate)!;
        var result = JsonSerializer.Deserialize(
            """{"event_id":"s1","timestamp":1767225600000,"device":{"name":"counter","state":"online","lastOnlineTime":"2026-01-01T00:00:00Z"}}""",
            Context.DeviceStateResult)!;

        Assert.Equal(("s1", "online"), (update.EventId, update.State));
        Assert.Equal("counter", result.Device.Name);
        Assert.Equal("online", result.Device.State);
        Assert.Equal("2026-01-01T00:00:00Z", result.Device.LastOnlineTime);
    }

    [Fact]
    public void Membership_get_result_parses()
    {
        const string payload = """{"event_id":"m1","timestamp":1,"devices":[{"id":"default/counter","name":"counter","state":"online","last_online":"2026-01-01T00:00:00Z","attributes":{}}]}""";

        var result = JsonSerializer.Deserialize(payload, Context.MembershipGetResult)!;

        var device = Assert.Single(result.Devices);
        Assert.Equal(("default/counter", "counter", "online", "2026-01-01T00:00:00Z"), (device.Id, device.Name, device.State, device.LastOnline));
        Assert.Empty(device.Attributes!);
    }

    [Fact]
    public void Membership_updated_parses()
    {
        const string payload = """{"event_id":"u1","timestamp":1,"added_devices":[{"id":"default/counter","name":"counter","twin":{"status":{"expected":{"value":"ON"},"metadata":{"type":"string"}}}}],"removed_devices":[]}""";

        var update = JsonSerializer.Deserialize(payload, Context.MembershipUpdate)!;

        var added = Assert.Single(update.AddedDevices);
        Assert.Equal("default/counter", added.Id);
        Assert.Equal("ON", added.Twin!["status"]!.Expected!.Value);
        Assert.Empty(update.RemovedDevices);
    }

    [Fact]
    public void Error_result_parses()
    {
        var error = JsonSerializer.Deserialize("""{"event_id":"e1","timestamp":7,"code":404,"reason":"device not bound"}""", Context.ErrorResult)!;

        Assert.Equal(("e1", 7L, 404, "device not bound"), (error.EventId, error.Timestamp, error.Code, error.Reason));
    }

    [Theory]
    [InlineData("23", "23")]
    [InlineData("23.5", "23.5")]
    [InlineData("true", "true")]
    [InlineData("\"text\"", "text")]
    public void Twin_values_written_as_numbers_or_booleans_are_read_as_their_text(string json, string expected)
    {
        var update = JsonSerializer.Deserialize(Infrastructure.Json.Fill("""{"twin":{"t":{"actual":{"value":<json>}}}}""", ("json", json)), Context.DeviceTwinUpdate)!;

        Assert.Equal(expected, update.Twin!["t"]!.Actual!.Value);
    }

    [Fact]
    public void Outgoing_payloads_omit_null_members_and_always_write_event_id()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(
            new DeviceTwinUpdate { Timestamp = 1, Twin = new() { ["s"] = new MsgTwin { Actual = new TwinValue { Value = "1" } } } }, Context.DeviceTwinUpdate);

        Infrastructure.Json.Equal("""{"event_id":"","timestamp":1,"twin":{"s":{"actual":{"value":"1"}}}}""", bytes);
    }
}
