using System.Text.Json;

namespace EdgeHive.Edge.Protocol.Tests;

public sealed class CodecBatchTests
{
    private readonly EdgeMessageCodec _codec = new();

    [Fact]
    public void Batch_of_every_kind_reads_back_in_order()
    {
        var originals = Samples.All().Values.ToList();

        var frame = _codec.WriteBatch(originals);
        Assert.True(_codec.TryRead(frame, out var messages, out var error), error?.ToString());

        Assert.Equal(originals.Select(m => m.Id), messages.Select(m => m.Id));
        Assert.Equal(originals.Select(m => m.Kind), messages.Select(m => m.Kind));
        Assert.Equal(frame, _codec.WriteBatch(messages));
    }

    [Fact]
    public void Batch_frame_is_a_json_array_of_envelopes()
    {
        var factory = Samples.EdgeFactory();

        var frame = _codec.WriteBatch([factory.KeepAlive(), factory.KeepAlive()]);

        using var document = JsonDocument.Parse(frame);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.Equal(2, document.RootElement.GetArrayLength());
    }

    [Fact]
    public void WriteFrames_sends_a_lone_message_as_a_plain_envelope()
    {
        var message = Samples.All()[DeviceUpsert.KindName];

        var frame = Assert.Single(_codec.WriteFrames([message]));

        Assert.Equal(_codec.Write(message), frame);
    }

    [Fact]
    public void WriteFrames_splits_at_the_batch_count_and_keeps_order()
    {
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { MaxBatchCount = 4 });
        var factory = Samples.CloudFactory();
        var messages = Enumerable.Range(1, 10).Select(i => factory.DeviceDelete("default", $"d{i}", i)).ToList();

        var frames = codec.WriteFrames(messages);

        Assert.Equal(3, frames.Count);
        var read = frames.SelectMany(frame => Read(codec, frame)).ToList();
        Assert.Equal(messages.Select(m => m.Id), read.Select(m => m.Id));
        Assert.Equal([4, 4, 2], frames.Select(frame => Read(codec, frame).Count));
    }

    [Fact]
    public void WriteFrames_keeps_every_frame_within_the_size_limit()
    {
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { MaxFrameBytes = 2048 });
        var factory = Samples.CloudFactory();
        var messages = Enumerable.Range(1, 40)
            .Select(i => factory.DeviceUpsert(Samples.Thermometer($"thermo-{i}") with { Description = new string('x', i * 10) }, i))
            .ToList();

        var frames = codec.WriteFrames(messages);

        Assert.True(frames.Count > 1);
        Assert.All(frames, frame => Assert.InRange(frame.Length, 1, 2048));
        Assert.Equal(messages.Select(m => m.Id), frames.SelectMany(frame => Read(codec, frame)).Select(m => m.Id));
    }

    [Fact]
    public void WriteFrames_refuses_a_message_that_fits_no_frame()
    {
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { MaxFrameBytes = 1024 });
        var huge = Samples.CloudFactory().DeviceUpsert(Samples.Thermometer() with { Description = new string('x', 2000) }, 1);

        var ex = Assert.Throws<EdgeProtocolException>(() => codec.WriteFrames([huge]));

        Assert.Equal(ErrorCodes.PayloadTooLarge, ex.Error.Code);
        Assert.Equal(huge.Id, ex.Error.MessageId);
    }

    [Fact]
    public void WriteFrames_of_nothing_is_no_frames()
    {
        Assert.Empty(_codec.WriteFrames([]));
    }

    private static IReadOnlyList<EdgeMessage> Read(EdgeMessageCodec codec, byte[] frame)
    {
        Assert.True(codec.TryRead(frame, out var messages, out var error), error?.ToString());
        return messages;
    }
}
