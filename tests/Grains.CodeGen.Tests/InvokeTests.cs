using EdgeHive.Grains.CodeGen.Tests.Infrastructure;
using EdgeHive.Grains.CodeGen.Tests.Samples;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.CodeGen.Tests;

public sealed class InvokeTests
{
    private static readonly SampleItem Item = new("widget", 3, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    /// <summary>What a silo does with an incoming call: create the request by id and read its arguments.</summary>
    private static Request Incoming(Type grainInterface, string methodName, string arguments)
    {
        var info = GrainInterfaceRegistry.Get(grainInterface);
        var request = info.CreateRequest(info.MethodNames.ToList().IndexOf(methodName))!;
        RequestJson.ReadArguments(request, arguments);
        return request;
    }

    [Fact]
    public async Task Invoke_calls_the_implementation_and_the_result_round_trips()
    {
        var grain = new AuditedCounter();
        await grain.Add(10);
        var request = Incoming(typeof(ICounterGrain), "Add", "[5]");

        var completed = request.Invoke(grain);
        await completed;

        Assert.Equal(15, grain.Value);
        Assert.Equal(new[] { "Add(10)", "Add(5)" }, grain.Calls);
        var json = RequestJson.Result(request, completed);
        Assert.Equal("15", json);
        Assert.Equal(15, RequestJson.ReadResult((Request<int>)request, json));
    }

    [Fact]
    public async Task Nullable_result_round_trips_as_null()
    {
        var request = Incoming(typeof(ICounterGrain), "Describe", "[null,[],{\"name\":\"n\",\"count\":1,\"at\":\"2025-01-01T00:00:00+00:00\"},1,2]");

        var completed = request.Invoke(new AuditedCounter());
        await completed;

        var json = RequestJson.Result(request, completed);
        Assert.Equal("null", json);
        Assert.Null(RequestJson.ReadResult((Request<string?>)request, json));
    }

    [Fact]
    public async Task ValueTask_result_is_returned_as_a_task_with_the_value()
    {
        var grain = new AuditedCounter();
        await grain.Add(3);
        var request = Incoming(typeof(ICounterGrain), "GetValue", "[]");

        var completed = request.Invoke(grain);

        Assert.Equal(3, await (Task<int>)completed);
        Assert.Equal("3", RequestJson.Result(request, completed));
    }

    [Fact]
    public async Task ValueTask_method_completes_when_the_implementation_does()
    {
        var grain = new AuditedCounter();
        var request = Incoming(typeof(ICounterGrain), "Touch", "[\"2025-01-01T00:00:00+00:00\",[1,2,3],null]");

        await request.Invoke(grain);

        Assert.Equal(new[] { "Touch(6)" }, grain.Calls);
    }

    [Fact]
    public async Task One_way_void_method_runs_and_completes_with_a_null_result()
    {
        var grain = new AuditedCounter();
        var request = Incoming(typeof(ICounterGrain), "Ping", "[\"hi\"]");

        var completed = request.Invoke(grain);
        await completed;

        Assert.Equal(new[] { "Ping(hi)" }, grain.Calls);
        Assert.Equal("null", RequestJson.Result(request, completed));
    }

    [Fact]
    public async Task Result_list_of_records_round_trips()
    {
        var grain = new AuditedCounter();
        await grain.Notify(Item);
        await grain.Notify(Item with { Name = "second" });
        var request = Incoming(typeof(IAuditedCounterGrain), "History", "[5]");

        var completed = request.Invoke(grain);
        await completed;

        var read = RequestJson.ReadResult((Request<IReadOnlyList<SampleItem>>)request, RequestJson.Result(request, completed));
        Assert.Equal(new[] { Item, Item with { Name = "second" } }, read);
    }

    [Fact]
    public async Task Remindable_request_from_abstractions_invokes_the_grain()
    {
        var grain = new ReminderSample();
        var request = Incoming(typeof(IRemindable), "ReceiveReminder",
            "[\"tick\",{\"firstTickTime\":\"2025-01-01T00:00:00+00:00\",\"period\":\"00:01:00\",\"currentTickTime\":\"2025-01-01T00:02:00+00:00\"}]");

        await request.Invoke(grain);

        Assert.Equal("tick", grain.LastReminder);
        Assert.Equal(TimeSpan.FromMinutes(1), grain.LastStatus.Period);
    }
}
