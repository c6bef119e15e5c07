using EdgeHive.Grains.CodeGen.Tests.Infrastructure;
using EdgeHive.Grains.CodeGen.Tests.Samples;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.CodeGen.Tests;

public sealed class ProxyTests
{
    private static readonly GrainId Id = new("counter", "c1");
    private static readonly SampleItem Item = new("widget", 3, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static T Proxy<T>(RecordingInvoker invoker) => (T)(object)GrainInterfaceRegistry.Get(typeof(T)).CreateProxy(invoker, Id);

    [Fact]
    public async Task Task_method_sends_a_request_without_result_to_the_invoker()
    {
        var invoker = new RecordingInvoker();
        var proxy = Proxy<ICounterGrain>(invoker);

        await proxy.Reset();

        var call = invoker.Single;
        Assert.Same(proxy, call.Target);
        Assert.Equal(RecordedCallKind.WithoutResult, call.Kind);
        Assert.Equal(typeof(ICounterGrain).FullName, call.Request.InterfaceName);
        Assert.Equal(0, call.Request.MethodId);
        Assert.Equal("Reset", call.Request.MethodName);
        Assert.Equal(RequestFlags.None, call.Request.Flags);
        Assert.Equal("[]", RequestJson.Arguments(call.Request));
    }

    [Fact]
    public async Task Task_of_result_method_passes_arguments_and_returns_the_invoker_result()
    {
        var invoker = new RecordingInvoker(_ => 42);
        var proxy = Proxy<ICounterGrain>(invoker);

        var result = await proxy.Add(5);

        Assert.Equal(42, result);
        var call = invoker.Single;
        Assert.Equal(RecordedCallKind.WithResult, call.Kind);
        Assert.IsAssignableFrom<Request<int>>(call.Request);
        Assert.Equal(1, call.Request.MethodId);
        Assert.Equal("[5]", RequestJson.Arguments(call.Request));
    }

    [Fact]
    public async Task ValueTask_of_result_method_wraps_the_invoker_task_and_carries_read_only_flag()
    {
        var invoker = new RecordingInvoker(_ => 7);
        var proxy = Proxy<ICounterGrain>(invoker);

        Assert.Equal(7, await proxy.GetValue());
        Assert.Equal(RequestFlags.ReadOnly, invoker.Single.Request.Flags);
        Assert.Equal(2, invoker.Single.Request.MethodId);
    }

    [Fact]
    public void One_way_void_method_is_sent_one_way()
    {
        var invoker = new RecordingInvoker();
        var proxy = Proxy<ICounterGrain>(invoker);

        proxy.Ping("hello");

        var call = invoker.Single;
        Assert.Equal(RecordedCallKind.OneWay, call.Kind);
        Assert.Equal(RequestFlags.OneWay, call.Request.Flags);
        Assert.Equal("[\"hello\"]", RequestJson.Arguments(call.Request));
    }

    [Fact]
    public void One_way_task_method_is_sent_one_way_and_completes_at_once()
    {
        var invoker = new RecordingInvoker();
        var proxy = Proxy<ICounterGrain>(invoker);

        var task = proxy.Notify(Item);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(RecordedCallKind.OneWay, invoker.Single.Kind);
        Assert.Equal(4, invoker.Single.Request.MethodId);
        Assert.Contains("\"widget\"", RequestJson.Arguments(invoker.Single.Request), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nullable_list_record_keyword_and_default_arguments_are_all_passed()
    {
        var invoker = new RecordingInvoker(_ => "done");
        var proxy = Proxy<ICounterGrain>(invoker);

        Assert.Equal("done", await proxy.Describe(null, ["a", "b"], Item, 9));

        var request = invoker.Single.Request;
        Assert.Equal(RequestFlags.AlwaysInterleave | RequestFlags.ReadOnly, request.Flags);
        Assert.Equal(
            "[null,[\"a\",\"b\"],{\"name\":\"widget\",\"count\":3,\"at\":\"2025-01-02T03:04:05+00:00\"},9,5]",
            RequestJson.Arguments(request));
    }

    [Fact]
    public async Task ValueTask_method_wraps_the_invoker_task()
    {
        var invoker = new RecordingInvoker();
        var proxy = Proxy<ICounterGrain>(invoker);

        await proxy.Touch(Item.At, [1, 2], new Dictionary<string, SampleItem?> { ["x"] = null });

        Assert.Equal(RecordedCallKind.WithoutResult, invoker.Single.Kind);
        Assert.Equal(6, invoker.Single.Request.MethodId);
        Assert.Equal("[\"2025-01-02T03:04:05+00:00\",[1,2],{\"x\":null}]", RequestJson.Arguments(invoker.Single.Request));
    }

    [Fact]
    public async Task Inherited_method_sends_the_declaring_interfaces_name_and_method_id()
    {
        var invoker = new RecordingInvoker(request => request.MethodName == "History" ? new List<SampleItem> { Item } : 1);
        var proxy = Proxy<IAuditedCounterGrain>(invoker);

        await proxy.Add(1);
        var history = await proxy.History(10);

        Assert.Equal(new[] { Item }, history);
        Assert.Equal(typeof(ICounterGrain).FullName, invoker.Calls[0].Request.InterfaceName);
        Assert.Equal(1, invoker.Calls[0].Request.MethodId);
        Assert.Equal(typeof(IAuditedCounterGrain).FullName, invoker.Calls[1].Request.InterfaceName);
        Assert.Equal(0, invoker.Calls[1].Request.MethodId);
        Assert.Equal(typeof(IAuditedCounterGrain).FullName, ((GrainReference)(object)proxy).InterfaceName);
    }

    [Fact]
    public async Task Method_inherited_from_another_assembly_is_readable_by_that_assemblys_request()
    {
        var invoker = new RecordingInvoker();
        var proxy = Proxy<IReminderSampleGrain>(invoker);
        var status = new TickStatus(Item.At, TimeSpan.FromMinutes(1), Item.At.AddMinutes(3));

        await proxy.ReceiveReminder("tick", status);

        var sent = invoker.Single.Request;
        Assert.Equal(typeof(IRemindable).FullName, sent.InterfaceName);
        Assert.Equal(0, sent.MethodId);
        Assert.Equal("ReceiveReminder", sent.MethodName);

        // The silo reads the arguments with the request class generated in Grains.Abstractions.
        var received = GrainInterfaceRegistry.Get(typeof(IRemindable)).CreateRequest(sent.MethodId)!;
        Assert.NotSame(sent.GetType(), received.GetType());
        RequestJson.ReadArguments(received, RequestJson.Arguments(sent));
        Assert.Equal(RequestJson.Arguments(sent), RequestJson.Arguments(received));
    }

    [Fact]
    public async Task Observer_proxy_sends_one_way_and_awaited_calls()
    {
        var invoker = new RecordingInvoker();
        var proxy = Proxy<IChatObserver>(invoker);

        proxy.Received("ann", "hi");
        await proxy.Closed();

        Assert.Equal(new[] { RecordedCallKind.OneWay, RecordedCallKind.WithoutResult }, invoker.Calls.Select(c => c.Kind));
        Assert.Equal(new[] { 0, 1 }, invoker.Calls.Select(c => c.Request.MethodId));
    }

    [Fact]
    public async Task Same_named_interfaces_in_different_namespaces_get_separate_proxies()
    {
        var invoker = new RecordingInvoker(request => request is Request<string> ? "text" : 5);

        Assert.Equal("text", await Proxy<Samples.Alpha.IEchoGrain>(invoker).Echo("x"));
        Assert.Equal(5, await Proxy<Samples.Beta.IEchoGrain>(invoker).Echo(1));
        Assert.Equal(typeof(Samples.Alpha.IEchoGrain).FullName, invoker.Calls[0].Request.InterfaceName);
        Assert.Equal(typeof(Samples.Beta.IEchoGrain).FullName, invoker.Calls[1].Request.InterfaceName);
    }

    [Fact]
    public async Task Nested_interface_proxy_uses_the_runtime_type_name()
    {
        var invoker = new RecordingInvoker(_ => "here");

        Assert.Equal("here", await Proxy<SampleContainer.INestedGrain>(invoker).Where());
        Assert.Equal("EdgeHive.Grains.CodeGen.Tests.Samples.SampleContainer+INestedGrain", invoker.Single.Request.InterfaceName);
    }
}
