using System.Text;

namespace EdgeHive.Edge.Protocol.Tests;

public sealed class CodecMalformedTests
{
    // Frames are written with ' for " to keep the table readable; Frame() swaps them back.
    private const string Header = "'header':{'id':'m-1','timestamp':1}";
    private const string Route = "'route':{'source':'edge','group':'hub','operation':'keepalive'}";

    private readonly EdgeMessageCodec _codec = new();

    public static TheoryData<string, int, string> MalformedFrames() => new()
    {
        { "", 400, "not valid JSON" },
        { "   ", 400, "not valid JSON" },
        { "{", 400, "not valid JSON" },
        { "not json", 400, "not valid JSON" },
        { "{} {}", 400, "not valid JSON" },
        { "{\"a\":1,}", 400, "not valid JSON" },
        { "/* c */ {}", 400, "not valid JSON" },
        { "42", 400, "frame is the number 42, not an envelope object" },
        { "[]", 400, "batch is empty" },
        { "[42]", 400, "[0] is the number 42, not an envelope object" },
        { Frame("{" + Route + ",'kind':'keepalive','content':{}}"), 400, "header is missing, not an object" },
        { Frame("{'header':[]," + Route + ",'kind':'keepalive','content':{}}"), 400, "header is an array, not an object" },
        { Frame("{'header':{'timestamp':1}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.id is missing" },
        { Frame("{'header':{'id':'','timestamp':1}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.id is an empty string" },
        { Frame("{'header':{'id':7,'timestamp':1}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.id is the number 7" },
        { Frame("{'header':{'id':'m-1'}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.timestamp is missing" },
        { Frame("{'header':{'id':'m-1','timestamp':'now'}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.timestamp is a string" },
        { Frame("{'header':{'id':'m-1','timestamp':1.5}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.timestamp is the number 1.5" },
        { Frame("{'header':{'id':'m-1','timestamp':1,'resourceVersion':-3}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.resourceVersion is the number -3" },
        { Frame("{'header':{'id':'m-1','timestamp':1,'sync':'yes'}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.sync is a string, not a boolean" },
        { Frame("{'header':{'id':'m-1','timestamp':1,'parentId':5}," + Route + ",'kind':'keepalive','content':{}}"), 400, "header.parentId is the number 5" },
        { Frame("{" + Header + ",'kind':'keepalive','content':{}}"), 400, "route is missing" },
        { Frame("{" + Header + ",'route':{'source':'edge','operation':'keepalive'},'kind':'keepalive','content':{}}"), 400, "route.group is missing" },
        { Frame("{" + Header + ",'route':{'group':'hub','operation':'keepalive'},'kind':'keepalive','content':{}}"), 400, "route.source is missing" },
        { Frame("{" + Header + ",'route':{'source':'edge','group':'hub'},'kind':'keepalive','content':{}}"), 400, "route.operation is missing" },
        { Frame("{" + Header + ",'route':{'source':'edge','group':'hub','operation':'keepalive','resource':1},'kind':'keepalive','content':{}}"), 400, "route.resource is the number 1" },
        { Frame("{" + Header + "," + Route + ",'content':{}}"), 400, "kind is missing" },
        { Frame("{" + Header + "," + Route + ",'kind':'pod.upsert','content':{}}"), 400, "kind 'pod.upsert' is unknown" },
        { Frame("{" + Header + "," + Route + ",'kind':'KeepAlive','content':{}}"), 400, "kind 'KeepAlive' is unknown" },
        { Frame("{" + Header + "," + Route + ",'kind':'keepalive'}"), 400, "content of kind 'keepalive' is missing, not an object" },
        { Frame("{" + Header + "," + Route + ",'kind':'keepalive','content':null}"), 400, "content of kind 'keepalive' is null, not an object" },
        { Frame("{" + Header + "," + Route + ",'kind':'error','content':{'code':400}}"), 400, "content of kind 'error' is invalid" },
        { Frame("{" + Header + "," + Route + ",'kind':'error','content':{'code':'bad','reason':'x'}}"), 400, "content of kind 'error' is invalid" },
        { Frame("{" + Header + "," + Route + ",'kind':'device.delete','content':{'namespace':null,'name':'x'}}"), 400, "content of kind 'device.delete' is invalid" },
        { Frame("{" + Header + "," + Route + ",'kind':'devicemodel.upsert','content':{'model':{'namespace':'d','name':'m','properties':[{'name':'p','type':'decimal'}]}}}"), 400, "content of kind 'devicemodel.upsert' is invalid" },
        { Frame("{" + Header + "," + Route + ",'kind':'event.upload','content':{'topic':'t','payload':'***','sequence':1}}"), 400, "content of kind 'event.upload' is invalid" },
        { Frame("{" + Header + "," + Route + ",'kind':'twin.reported','content':{'namespace':'d','name':'x','sequence':1,'properties':{'t':{'value':'1'}}}}"), 400, "content of kind 'twin.reported' is invalid" },
    };

    private static string Frame(string singleQuoted) => singleQuoted.Replace('\'', '"');

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public void Malformed_frame_yields_its_protocol_error(string frame, int code, string reason)
    {
        var ok = _codec.TryRead(Encoding.UTF8.GetBytes(frame), out var messages, out var error);

        Assert.False(ok);
        Assert.Null(messages);
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_an_error_not_an_exception()
    {
        var frame = Encoding.UTF8.GetBytes(Frame("{'header':{'id':'m-?','timestamp':1}," + Route + ",'kind':'keepalive','content':{}}"));
        frame[Array.IndexOf(frame, (byte)'?')] = 0xFF;

        Assert.False(_codec.TryRead(frame, out _, out var error));

        Assert.Equal(ErrorCodes.BadRequest, error.Code);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var frame = new string('[', 40) + new string(']', 40);

        Assert.False(_codec.TryRead(Encoding.UTF8.GetBytes(frame), out _, out var error));

        Assert.Equal(ErrorCodes.BadRequest, error.Code);
        Assert.Contains("depth", error.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Error_for_a_bad_message_names_its_id_and_batch_position()
    {
        var good = Encoding.UTF8.GetString(_codec.Write(Samples.All()[KeepAlive.KindName]));
        var bad = Frame("{'header':{'id':'bad-7','timestamp':1}," + Route + ",'kind':'nope','content':{}}");

        Assert.False(_codec.TryRead(Encoding.UTF8.GetBytes($"[{good},{bad}]"), out var messages, out var error));

        Assert.Null(messages);
        Assert.Equal("bad-7", error.MessageId);
        Assert.Equal(1, error.Index);
        Assert.StartsWith("[1].kind 'nope' is unknown", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_larger_than_the_limit_is_refused_before_parsing()
    {
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { MaxFrameBytes = 1024 });
        var frame = Encoding.UTF8.GetBytes("{" + new string(' ', 1024) + "}");

        Assert.False(codec.TryRead(frame, out _, out var error));

        Assert.Equal(ErrorCodes.PayloadTooLarge, error.Code);
        Assert.Equal(EdgeCloseCodes.FrameTooLarge, error.ToCloseStatus().Code);
    }

    [Fact]
    public void Frame_exactly_at_the_limit_is_read()
    {
        var message = Encoding.UTF8.GetString(_codec.Write(Samples.All()[KeepAlive.KindName]));
        var frame = Encoding.UTF8.GetBytes(message + new string(' ', 1024 - message.Length));
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { MaxFrameBytes = 1024 });

        Assert.Equal(1024, frame.Length);
        Assert.True(codec.TryRead(frame, out var messages, out var error), error?.ToString());
        Assert.Single(messages);
    }

    [Fact]
    public void Default_frame_limit_is_one_mebibyte()
    {
        var frame = Encoding.UTF8.GetBytes("[" + new string(' ', 1024 * 1024) + "]");

        Assert.False(_codec.TryRead(frame, out _, out var error));

        Assert.Equal(ErrorCodes.PayloadTooLarge, error.Code);
        Assert.Contains("1048576", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_with_more_messages_than_the_limit_is_refused()
    {
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { MaxBatchCount = 3 });
        var factory = Samples.EdgeFactory();
        var batch = codec.WriteBatch([.. Enumerable.Range(0, 4).Select(_ => factory.KeepAlive())]);

        Assert.False(codec.TryRead(batch, out _, out var error));

        Assert.Equal(ErrorCodes.PayloadTooLarge, error.Code);
        Assert.Contains("4 messages", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cloud_reader_refuses_downstream_kinds_from_an_edge()
    {
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { Incoming = MessageDirection.Upstream });

        Assert.False(codec.TryRead(_codec.Write(Samples.All()[DeviceUpsert.KindName]), out _, out var error));
        Assert.Equal(ErrorCodes.BadRequest, error.Code);
        Assert.Contains("may not be sent upstream", error.Reason, StringComparison.Ordinal);

        Assert.True(codec.TryRead(_codec.Write(Samples.All()[TwinReportedUpdate.KindName]), out _, out _));
        Assert.True(codec.TryRead(_codec.Write(Samples.All()[Ack.KindName]), out _, out _));
    }

    [Fact]
    public void Edge_reader_refuses_upstream_kinds_from_the_cloud()
    {
        var codec = new EdgeMessageCodec(new EdgeCodecOptions { Incoming = MessageDirection.Downstream });

        Assert.False(codec.TryRead(_codec.Write(Samples.All()[NodeStatus.KindName]), out _, out var error));
        Assert.Contains("may not be sent downstream", error.Reason, StringComparison.Ordinal);

        Assert.True(codec.TryRead(_codec.Write(Samples.All()[SessionWelcome.KindName]), out _, out _));
    }

    [Theory]
    [InlineData(100, 10, 32)]
    [InlineData(4096, 0, 32)]
    [InlineData(4096, 10, 2)]
    public void Out_of_range_limits_are_rejected_at_construction(int maxFrameBytes, int maxBatch, int maxDepth)
    {
        var options = new EdgeCodecOptions { MaxFrameBytes = maxFrameBytes, MaxBatchCount = maxBatch, MaxDepth = maxDepth };

        Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeMessageCodec(options));
    }
}
