using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Edge.Agent.Tests.Outbox;

public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingLink _link = new();
    private readonly OutboxOptions _options = new() { BatchSize = 2, ResendAfter = TimeSpan.FromSeconds(30) };
    private TempAgentDatabase _temp = null!;
    private OutboxStore _store = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempAgentDatabase.CreateAsync();
        _store = new OutboxStore(_temp.Database, _time, 1000);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Pending_entries_are_sent_once_in_order_and_in_batches()
    {
        var seqs = await AppendAsync(5);
        var dispatcher = NewDispatcher();

        Assert.Equal(5, await dispatcher.PumpAsync(default));
        Assert.Equal(0, await dispatcher.PumpAsync(default));

        Assert.Equal(seqs, _link.Sent);
        Assert.Equal(3, _link.Batches);
    }

    [Fact]
    public async Task Nothing_is_sent_while_the_link_is_down()
    {
        await AppendAsync(2);
        _link.IsConnected = false;

        Assert.Equal(0, await NewDispatcher().PumpAsync(default));
        Assert.Empty(_link.Sent);
    }

    [Fact]
    public async Task Reconnect_replays_every_unacknowledged_entry_from_the_oldest()
    {
        var seqs = await AppendAsync(4);
        var dispatcher = NewDispatcher();
        await dispatcher.PumpAsync(default);
        await dispatcher.AcknowledgeAsync([seqs[0], seqs[2]], default);
        _link.Clear();

        dispatcher.NotifyConnected();
        await dispatcher.PumpAsync(default);

        Assert.Equal([seqs[1], seqs[3]], _link.Sent);
        Assert.Equal(2, await _store.CountAsync(default));
    }

    [Fact]
    public async Task After_a_restart_a_new_dispatcher_replays_the_outbox_in_order()
    {
        var seqs = await AppendAsync(3);
        await NewDispatcher().PumpAsync(default);
        _link.Clear();

        await _temp.ReopenAsync();
        _store = new OutboxStore(_temp.Database, _time, 1000);
        await NewDispatcher().PumpAsync(default);

        Assert.Equal(seqs, _link.Sent);
    }

    [Fact]
    public async Task A_refused_entry_is_replayed_after_the_short_retry_delay_not_the_resend_interval()
    {
        var seqs = await AppendAsync(3);
        var dispatcher = NewDispatcher();
        await dispatcher.PumpAsync(default);
        await dispatcher.AcknowledgeAsync([seqs[0]], default);
        _link.Clear();

        dispatcher.NotifyRefused();
        dispatcher.NotifyRefused(); // refusals arriving together share one replay
        Assert.Equal(0, await dispatcher.PumpAsync(default));

        _time.Advance(_options.RetryAfterRefusal);
        Assert.Equal(2, await dispatcher.PumpAsync(default));
        Assert.Equal(0, await dispatcher.PumpAsync(default));
        Assert.Equal([seqs[1], seqs[2]], _link.Sent);
    }

    [Fact]
    public async Task A_failed_send_is_replayed_from_the_oldest_entry()
    {
        var seqs = await AppendAsync(3);
        var dispatcher = NewDispatcher();
        _link.Fail = true;
        Assert.Equal(0, await dispatcher.PumpAsync(default));

        _link.Fail = false;
        await dispatcher.PumpAsync(default);

        Assert.Equal(seqs, _link.Sent);
    }

    [Fact]
    public async Task Entries_unacknowledged_for_the_resend_interval_are_sent_again()
    {
        var seqs = await AppendAsync(2);
        var dispatcher = NewDispatcher();
        await dispatcher.PumpAsync(default);
        _link.Clear();

        _time.Advance(TimeSpan.FromSeconds(10));
        await dispatcher.PumpAsync(default);
        Assert.Empty(_link.Sent);

        _time.Advance(TimeSpan.FromSeconds(25));
        await dispatcher.PumpAsync(default);
        Assert.Equal(seqs, _link.Sent);
    }

    [Fact]
    public async Task Running_dispatcher_sends_new_entries_when_notified()
    {
        var dispatcher = NewDispatcher();
        using var cts = new CancellationTokenSource();
        var run = dispatcher.RunAsync(cts.Token);

        var seqs = await AppendAsync(3);
        dispatcher.NotifyAppended();

        await Eventually.TrueAsync(() => _link.Sent.Count == 3, TimeSpan.FromSeconds(10), "three entries sent");
        Assert.Equal(seqs, _link.Sent);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private OutboxDispatcher NewDispatcher() => new(_store, _link, _options, _time, NullLogger<OutboxDispatcher>.Instance);

    private async Task<List<long>> AppendAsync(int count)
    {
        var seqs = new List<long>();
        for (var i = 0; i < count; i++)
        {
            seqs.AddRange((await _store.AppendAsync([new OutboxDraft(OutboxKinds.DeviceState, null, $"{i}")], default)).Select(e => e.Seq));
        }

        return seqs;
    }
}
