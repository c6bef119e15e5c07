using System.Text.Json;
using EdgeHive.Grains.CodeGen.Tests.Infrastructure;
using EdgeHive.Grains.CodeGen.Tests.Samples;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.CodeGen.Tests;

public sealed class RequestCodecTests
{
    private static readonly SampleItem Item = new("widget", 3, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));

    /// <summary>Captures the request a proxy call produces.</summary>
    private static Request Capture(Action<IAuditedCounterGrain> call)
    {
        var invoker = new RecordingInvoker(request => request.MethodName switch
        {
            "History" => new List<SampleItem>(),
            "Describe" => null,
            _ => 0,
        });
        call((IAuditedCounterGrain)(object)GrainInterfaceRegistry.Get(typeof(IAuditedCounterGrain)).CreateProxy(invoker, new GrainId("c", "1")));
        return invoker.Single.Request;
    }

    private static GrainInterfaceInfo ByName(string name)
    {
        Assert.True(GrainInterfaceRegistry.TryGet(name, out var info), name);
        return info;
    }

    public static TheoryData<string> Calls => ["Reset", "Add", "GetValue", "Ping", "Notify", "Describe", "DescribeNull", "Touch", "History"];

    private static Request CaptureByName(string name) => name switch
    {
        "Reset" => Capture(g => g.Reset()),
        "Add" => Capture(g => g.Add(-17)),
        "GetValue" => Capture(g => g.GetValue()),
        "Ping" => Capture(g => g.Ping("p\"ing\u00e9")),
        "Notify" => Capture(g => g.Notify(Item)),
        "Describe" => Capture(g => g.Describe("pre", ["x", "y", ""], Item, int.MaxValue, 0)),
        "DescribeNull" => Capture(g => g.Describe(null, [], Item with { Name = "" }, 0)),
        "Touch" => Capture(g => g.Touch(Item.At, [3, 1, 2], null)),
        "History" => Capture(g => g.History(4)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Arguments_round_trip_through_a_fresh_request_of_the_same_method(string call)
    {
        var sent = CaptureByName(call);
        var json = RequestJson.Arguments(sent);
        var received = ByName(sent.InterfaceName).CreateRequest(sent.MethodId)!;

        RequestJson.ReadArguments(received, json);

        Assert.Equal(sent.GetType(), received.GetType());
        Assert.Equal(json, RequestJson.Arguments(received));
        Assert.Equal(sent.Flags, received.Flags);
    }

    [Fact]
    public void Read_arguments_restore_typed_values_that_reach_the_implementation()
    {
        var sent = CaptureByName("Describe");
        var received = ByName(sent.InterfaceName).CreateRequest(sent.MethodId)!;
        RequestJson.ReadArguments(received, RequestJson.Arguments(sent));

        var task = (Task<string?>)received.Invoke(new AuditedCounter());

        Assert.Equal($"pre:x,y,:widget:{int.MaxValue}:0", task.Result);
    }

    [Theory]
    [InlineData(1, "[]")]
    [InlineData(1, "[1,2]")]
    [InlineData(0, "[1]")]
    [InlineData(5, "[null,[],{\"name\":\"n\",\"count\":1,\"at\":\"2025-01-01T00:00:00+00:00\"},1]")]
    [InlineData(5, "[null,[],{\"name\":\"n\",\"count\":1,\"at\":\"2025-01-01T00:00:00+00:00\"},1,2,3]")]
    public void Wrong_argument_count_is_rejected(int methodId, string arguments)
    {
        var request = GrainInterfaceRegistry.Get(typeof(ICounterGrain)).CreateRequest(methodId)!;

        var error = Assert.Throws<JsonException>(() => RequestJson.ReadArguments(request, arguments));
        Assert.Contains("argument(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_that_are_not_an_array_are_rejected()
    {
        var request = GrainInterfaceRegistry.Get(typeof(ICounterGrain)).CreateRequest(1)!;

        var error = Assert.Throws<JsonException>(() => RequestJson.ReadArguments(request, "{\"amount\":1}"));
        Assert.Contains("ICounterGrain.Add", error.Message, StringComparison.Ordinal);
    }
}
