using System.Text.Json;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.DeviceTwin.Reports;
using EdgeHive.Edge.Agent.EdgeHub;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EdgeHub;

public sealed class OutboxMessageMapperTests
{
    private readonly EdgeMessageFactory _factory = new(EdgeProtocolConstants.EdgeSource, new ManualTimeProvider());

    [Fact]
    public void Twin_report_becomes_twin_reported_with_its_sequence_and_a_replay_is_identical()
    {
        var report = new TwinReport
        {
            Device = "default/thermo-1",
            Property = "temperature",
            Twin = new MsgTwin { Actual = new TwinValue { Value = "21.5", Metadata = new ValueMetadata { Timestamp = 1732233599000 } }, ActualVersion = new MsgTwinVersion { Edge = 7 } },
            Timestamp = 1732233600123,
        };
        var entry = new OutboxEntry(41, OutboxKinds.TwinReported, "k", JsonSerializer.Serialize(report, AgentJsonContext.Default.TwinReport), 1732233600200);

        var message = OutboxMessageMapper.ToMessage(entry, _factory)!;
        var replay = OutboxMessageMapper.ToMessage(entry, _factory)!;

        var content = message.GetContent<TwinReportedUpdate>();
        Assert.Equal(("default", "thermo-1", 41L), (content.Namespace, content.Name, content.Sequence));
        Assert.Equal(new TwinReportedProperty { Value = "21.5", EdgeVersion = 7, Timestamp = 1732233599000 }, content.Properties["temperature"]);
        Assert.Equal(("device/default/thermo-1/twin", 1732233600123L), (message.Route.Resource, message.Header.Timestamp));
        Assert.Equal((message.Id, message.Header.Timestamp), (replay.Id, replay.Header.Timestamp));
        Assert.True(OutboxMessageMapper.TryParseSequence(message.Id, out var seq));
        Assert.Equal(41, seq);
        Assert.Equal(41, _factory.Ack(message).GetContent<Ack>().Sequence);
    }

    [Fact]
    public void State_and_event_reports_map_to_their_kinds()
    {
        var state = new StateReport { Device = "default/thermo-1", State = "offline", LastOnline = "2024-11-22T00:00:00Z", Timestamp = 5 };
        var upload = new EventReport { Topic = "$hw/events/upload/alarm", Payload = [0, 1, 2, 255], Timestamp = 6 };

        var stateMessage = OutboxMessageMapper.ToMessage(new OutboxEntry(1, OutboxKinds.DeviceState, null, JsonSerializer.Serialize(state, AgentJsonContext.Default.StateReport), 9), _factory)!;
        var eventMessage = OutboxMessageMapper.ToMessage(new OutboxEntry(2, OutboxKinds.Event, null, JsonSerializer.Serialize(upload, AgentJsonContext.Default.EventReport), 9), _factory)!;

        Assert.Equal(new DeviceStateReport { Namespace = "default", Name = "thermo-1", State = "offline", LastOnline = 1732233600000, Sequence = 1 }, stateMessage.Content);
        var uploaded = eventMessage.GetContent<UploadEvent>();
        Assert.Equal(("$hw/events/upload/alarm", 2L), (uploaded.Topic, uploaded.Sequence));
        Assert.Equal([0, 1, 2, 255], uploaded.Payload);
    }

    [Theory]
    [InlineData(OutboxKinds.TwinReported, "{not json")]
    [InlineData("unknown-kind", "{}")]
    [InlineData(OutboxKinds.DeviceState, """{"device":"no-namespace","state":"ok"}""")]
    public void Unreadable_rows_map_to_null(string kind, string payload) =>
        Assert.Null(OutboxMessageMapper.ToMessage(new OutboxEntry(3, kind, null, payload, 1), _factory));

    [Theory]
    [InlineData("c-1")]
    [InlineData("o-5")]
    [InlineData(null)]
    public void Foreign_ids_have_no_sequence(string? id) => Assert.False(OutboxMessageMapper.TryParseSequence(id, out _));
}
