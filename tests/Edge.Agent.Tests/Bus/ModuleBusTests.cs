using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Edge.Agent.Tests.Bus;

public sealed class ModuleBusTests
{
    private readonly TimeProvider _time = TimeProvider.System;

    [Fact]
    public async Task Send_delivers_to_the_named_module_in_order()
    {
        var bus = NewBus();
        bus.Register(new TestModule("a", "g"));

        Assert.True(await bus.SendAsync("a", Message("1"), default));
        Assert.True(await bus.SendAsync("a", Message("2"), default));

        Assert.Equal("1", (await bus.ReceiveAsync("a", default)).Resource);
        Assert.Equal("2", (await bus.ReceiveAsync("a", default)).Resource);
    }

    [Fact]
    public async Task Send_to_an_unknown_or_disabled_module_is_refused()
    {
        var options = new ModuleBusOptions();
        options.DisabledModules.Add("off-by-config");
        var bus = NewBus(options);

        Assert.False(bus.Register(new TestModule("off-by-flag", "g", enabled: false)));
        Assert.False(bus.Register(new TestModule("off-by-config", "g")));

        Assert.False(await bus.SendAsync("off-by-flag", Message("x"), default));
        Assert.False(await bus.SendAsync("off-by-config", Message("x"), default));
        Assert.False(await bus.SendAsync("nobody", Message("x"), default));
        Assert.Empty(bus.ModuleNames);
    }

    [Fact]
    public async Task Send_to_group_reaches_every_enabled_member_only()
    {
        var bus = NewBus();
        bus.Register(new TestModule("a", "bus"));
        bus.Register(new TestModule("b", "bus"));
        bus.Register(new TestModule("c", "twin"));
        bus.Register(new TestModule("d", "bus", enabled: false));

        var count = await bus.SendToGroupAsync("bus", Message("hello"), default);

        Assert.Equal(2, count);
        Assert.Equal("hello", (await bus.ReceiveAsync("a", default)).Resource);
        Assert.Equal("hello", (await bus.ReceiveAsync("b", default)).Resource);
        using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.ReceiveAsync("c", quick.Token).AsTask());
    }

    [Fact]
    public async Task Send_sync_returns_the_response_correlated_by_message_id()
    {
        var bus = NewBus();
        bus.Register(new TestModule("echo", "g"));
        bus.Register(new TestModule("caller", "g"));
        var responder = Task.Run(async () =>
        {
            var request = await bus.ReceiveAsync("echo", default);
            await bus.RespondAsync(request, request.CreateResponse("echo", "pong:" + request.Content, _time), default);
        });

        var request = Message("ping") with { Source = "caller", Content = "42" };
        var response = await bus.SendSyncAsync("echo", request, TimeSpan.FromSeconds(30), default);

        await responder;
        Assert.Equal((request.Id, "pong:42", BusMessage.ResponseOperation), (response.ParentId, response.Content, response.Operation));
    }

    [Fact]
    public async Task Send_sync_without_a_response_times_out_naming_the_module()
    {
        var bus = NewBus();
        bus.Register(new TestModule("silent", "g"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            bus.SendSyncAsync("silent", Message("query"), TimeSpan.FromMilliseconds(100), default));

        Assert.Contains("'silent'", error.Message);
    }

    [Fact]
    public async Task Send_sync_to_a_missing_module_fails_at_once()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            NewBus().SendSyncAsync("ghost", Message("query"), TimeSpan.FromSeconds(30), default));

        Assert.Contains("'ghost'", error.Message);
    }

    [Fact]
    public async Task Response_without_a_waiter_goes_to_the_request_source()
    {
        var bus = NewBus();
        bus.Register(new TestModule("asker", "g"));
        var request = Message("q") with { Source = "asker" };

        await bus.RespondAsync(request, request.CreateResponse("other", "answer", _time), default);

        var response = await bus.ReceiveAsync("asker", default);
        Assert.Equal((request.Id, "answer"), (response.ParentId, response.Content));
    }

    [Fact]
    public async Task Full_inbox_makes_the_sender_wait_until_the_module_reads()
    {
        var bus = NewBus(new ModuleBusOptions { InboxCapacity = 1 });
        bus.Register(new TestModule("slow", "g"));
        await bus.SendAsync("slow", Message("1"), default);

        var blocked = bus.SendAsync("slow", Message("2"), default).AsTask();
        Assert.False(blocked.IsCompleted);

        Assert.Equal("1", (await bus.ReceiveAsync("slow", default)).Resource);
        Assert.True(await blocked.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("2", (await bus.ReceiveAsync("slow", default)).Resource);
    }

    [Fact]
    public async Task Run_modules_starts_every_registered_module()
    {
        var bus = NewBus();
        var a = new TestModule("a", "g");
        var b = new TestModule("b", "g");
        var off = new TestModule("off", "g", enabled: false);
        bus.Register(a);
        bus.Register(b);
        bus.Register(off);
        using var cts = new CancellationTokenSource();

        var run = bus.RunModulesAsync(cts.Token);
        await Eventually.TrueAsync(() => a.Started && b.Started, TimeSpan.FromSeconds(10), "both modules started");
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(off.Started);
    }

    private ModuleBus NewBus(ModuleBusOptions? options = null) => new(options ?? new ModuleBusOptions(), _time, NullLogger<ModuleBus>.Instance);

    private BusMessage Message(string resource) => BusMessage.Create("test", "g", "op", resource, null, _time);

    private sealed class TestModule(string name, string group, bool enabled = true) : IModule
    {
        public string Name => name;

        public string Group => group;

        public bool Enabled => enabled;

        public bool Started { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
