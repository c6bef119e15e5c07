using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

public sealed class ChangeFeedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reader_resumes_after_an_id_and_then_follows_live_changes_on_sqlite()
    {
        await using var feed = CloudSilo.NewFeed(new SqlChangeStore(new SqliteDatabase(TestDatabases.NewSqliteFile()).Dialect));
        await ResumeAndFollowAsync(feed, feed);
    }

    [Fact]
    public async Task A_reader_on_one_silo_sees_changes_published_on_another_on_postgres()
    {
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("feed");
        await using var db = new PostgresDatabase(cs);
        await using var publisher = CloudSilo.NewFeed(new SqlChangeStore(db.Dialect));
        await using var reader = CloudSilo.NewFeed(new SqlChangeStore(db.Dialect));
        await ResumeAndFollowAsync(publisher, reader);
    }

    [Fact]
    public async Task Grain_writes_publish_to_the_feed_after_they_persisted()
    {
        await using var silo = await CloudSilo.StartAsync();
        var after = await silo.Feed.LatestIdAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource(Deadline);
        var seen = new List<ChangeEvent>();
        var reading = Task.Run(async () =>
        {
            await foreach (var change in silo.Feed.ReadAsync(after, c => c.Kind is "device" or "node", cts.Token))
            {
                lock (seen)
                {
                    seen.Add(change);
                }
            }
        });
        await Fixtures.CreateModelAsync(silo.Grains);
        await Fixtures.RegisterNodeAsync(silo.Grains, "edge-1");
        await Fixtures.CreateDeviceAsync(silo.Grains, "default/d1", Fixtures.Spec("edge-1"));
        await Eventually.TrueAsync(() => { lock (seen) { return seen.Any(c => c.Kind == "device"); } }, Deadline, "the device's creation reaches a live reader");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        lock (seen)
        {
            Assert.Contains(seen, c => c is { Kind: "node", Key: "edge-1", Operation: "created" });
            var device = Assert.Single(seen, c => c.Kind == "device");
            Assert.Equal(("default/d1", "edge-1", "created", 1L), (device.Key, device.Node, device.Operation, device.ResourceVersion));
            Assert.Equal(seen.Select(c => c.Id).Order(), seen.Select(c => c.Id));
        }
    }

    private static async Task ResumeAndFollowAsync(IChangeFeed publisher, IChangeFeed reader)
    {
        for (var i = 1; i <= 5; i++)
        {
            await publisher.PublishAsync(Change("default/d" + i), CancellationToken.None);
        }

        var latest = await reader.LatestIdAsync(CancellationToken.None);
        var resumeAfter = latest - 3;
        using var cts = new CancellationTokenSource(Deadline);
        var received = new List<ChangeEvent>();
        await using var stream = reader.ReadAsync(resumeAfter, c => c.Key != "default/skip", cts.Token).GetAsyncEnumerator(cts.Token);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await stream.MoveNextAsync());
            received.Add(stream.Current);
        }

        Assert.Equal(["default/d3", "default/d4", "default/d5"], received.Select(c => c.Key));
        Assert.Equal(latest, received[^1].Id);

        // Live: a filtered-out change is skipped, the next one arrives.
        var next = stream.MoveNextAsync().AsTask();
        await publisher.PublishAsync(Change("default/skip"), CancellationToken.None);
        await publisher.PublishAsync(Change("default/live"), CancellationToken.None);
        Assert.True(await next.WaitAsync(Deadline));
        Assert.Equal("default/live", stream.Current.Key);
        Assert.True(stream.Current.Id > latest + 1);
    }

    private static ChangeEvent Change(string key) =>
        new(0, ChangeKinds.Device, key, "edge-1", ChangeOperations.Updated, 1, DateTimeOffset.UtcNow);
}
