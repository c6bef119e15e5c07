using System.Text;
using System.Text.Json;

namespace EdgeHive.Edge.Protocol.Tests;

public sealed class CodecRoundTripTests
{
    private readonly EdgeMessageCodec _codec = new();

    [Fact]
    public void Every_registered_kind_has_a_sample()
    {
        var samples = Samples.All();
        Assert.Equal(
            EdgeMessageKinds.All.Select(info => info.Kind).Order(StringComparer.Ordinal),
            samples.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples.Kinds), MemberType = typeof(Samples))]
    public void Every_kind_round_trips_through_the_codec(string kind)
    {
        var original = Samples.All()[kind];

        var frame = _codec.Write(original);
        Assert.True(_codec.TryRead(frame, out var messages, out var error), error?.ToString());

        var read = Assert.Single(messages);
        Assert.Equal(original.Header, read.Header);
        Assert.Equal(original.Route, read.Route);
        Assert.Equal(kind, read.Kind);
        Assert.IsType(original.Content.GetType(), read.Content);
        // Payload records hold collections, which records compare by reference; equal re-encodings prove equal content.
        Assert.Equal(Encoding.UTF8.GetString(frame), Encoding.UTF8.GetString(_codec.Write(read)));
    }

    [Theory]
    [MemberData(nameof(Samples.Kinds), MemberType = typeof(Samples))]
    public void Envelope_names_the_kind_and_content_does_not_repeat_it(string kind)
    {
        var frame = _codec.Write(Samples.All()[kind]);

        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        Assert.Equal(kind, root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("content").ValueKind);
        Assert.False(root.GetProperty("content").TryGetProperty("kind", out _));
    }

    [Fact]
    public void Twin_desired_values_and_versions_survive_the_round_trip()
    {
        var read = RoundTrip(Samples.All()[TwinDesiredUpdate.KindName]).GetContent<TwinDesiredUpdate>();

        Assert.Equal("thermo-1", read.Name);
        Assert.Equal(new TwinDesiredProperty { Value = "true", CloudVersion = 4, EdgeVersion = 7, Timestamp = 1_732_233_500_000 }, read.Properties["enabled"]);
        Assert.Null(read.Properties["setpoint"].Value);
        Assert.Equal(2, read.Properties["setpoint"].CloudVersion);
    }

    [Fact]
    public void Binary_bodies_travel_as_base64_and_come_back_unchanged()
    {
        var original = Samples.All()[UploadEvent.KindName];

        var frame = _codec.Write(original);
        using (var document = JsonDocument.Parse(frame))
        {
            Assert.Equal("AAEC/w==", document.RootElement.GetProperty("content").GetProperty("payload").GetString());
        }

        var read = RoundTrip(original).GetContent<UploadEvent>();
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.Payload);
        Assert.Equal(42, read.Sequence);
    }

    [Fact]
    public void Model_property_enums_use_kubeedge_names()
    {
        var frame = Encoding.UTF8.GetString(_codec.Write(Samples.All()[DeviceModelUpsert.KindName]));

        Assert.Contains("\"type\":\"double\"", frame, StringComparison.Ordinal);
        Assert.Contains("\"accessMode\":\"ReadOnly\"", frame, StringComparison.Ordinal);
        Assert.Contains("°C", frame, StringComparison.Ordinal);
        var model = RoundTrip(Samples.All()[DeviceModelUpsert.KindName]).GetContent<DeviceModelUpsert>().Model;
        Assert.Equal(Samples.ThermometerModel().Properties, model.Properties);
    }

    [Fact]
    public void A_hand_written_frame_in_the_documented_format_is_read()
    {
        var frame = """
            {"header":{"id":"c-9","timestamp":1732233600123,"resourceVersion":21,"sync":false},
             "route":{"source":"cloud","group":"twin","operation":"update","resource":"device/default/thermo-1/twin"},
             "kind":"twin.desired",
             "content":{"namespace":"default","name":"thermo-1",
                        "properties":{"enabled":{"value":"true","cloudVersion":4,"edgeVersion":7,"timestamp":1732233500000}}},
             "someFutureField":{"ignored":true}}
            """u8;

        Assert.True(_codec.TryRead(frame, out var messages, out var error), error?.ToString());

        var message = Assert.Single(messages);
        Assert.Equal("c-9", message.Id);
        Assert.Null(message.Header.ParentId);
        Assert.Equal(21, message.Header.ResourceVersion);
        Assert.Equal(ResourceKeys.DeviceTwin("default", "thermo-1"), message.Route.Resource);
        Assert.Equal(4, message.GetContent<TwinDesiredUpdate>().Properties["enabled"].CloudVersion);
    }

    [Fact]
    public void Optional_header_fields_default_when_absent()
    {
        var frame = """{"header":{"id":"e-1","timestamp":5},"route":{"source":"edge","group":"hub","operation":"keepalive"},"kind":"keepalive","content":{}}"""u8;

        Assert.True(_codec.TryRead(frame, out var messages, out var error), error?.ToString());

        var message = Assert.Single(messages);
        Assert.Equal(0, message.Header.ResourceVersion);
        Assert.False(message.Header.Sync);
        Assert.Equal("", message.Route.Resource);
        Assert.IsType<KeepAlive>(message.Content);
    }

    [Fact]
    public void Written_frames_go_to_a_buffer_writer_unchanged()
    {
        var message = Samples.All()[DeviceUpsert.KindName];
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        _codec.Write(message, buffer);

        Assert.Equal(_codec.Write(message), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void GetContent_of_the_wrong_kind_names_both_kinds()
    {
        var message = Samples.All()[KeepAlive.KindName];

        var ex = Assert.Throws<InvalidOperationException>(() => message.GetContent<Ack>());

        Assert.Contains("keepalive", ex.Message, StringComparison.Ordinal);
        Assert.False(message.TryGetContent<Ack>(out _));
        Assert.True(message.TryGetContent<KeepAlive>(out _));
    }

    private EdgeMessage RoundTrip(EdgeMessage message)
    {
        Assert.True(_codec.TryRead(_codec.Write(message), out var messages, out var error), error?.ToString());
        return Assert.Single(messages);
    }
}
