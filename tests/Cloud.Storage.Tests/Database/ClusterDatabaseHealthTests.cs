using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Storage.Tests.Database;

/// <summary>
/// <see cref="ClusterDatabaseHealth"/> on a PostgreSQL server of the test's own, under a clock the test moves: an
/// answer is reused until <see cref="ClusterDatabaseHealth.CacheFor"/> has passed (probes do not reach the database
/// more often), a stopped server is reported once the cache runs out, and a restarted one without any reset.
/// </summary>
public sealed class ClusterDatabaseHealthTests
{
    [Fact]
    public async Task Answers_are_cached_for_a_while_and_follow_the_server_down_and_up_again()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        await using var database = new PostgresDatabase(server.ConnectionString);
        var clock = new ManualClock();
        var health = new ClusterDatabaseHealth(database.Dialect, clock, NullLogger<ClusterDatabaseHealth>.Instance);

        Assert.True(await health.IsReachableAsync(CancellationToken.None));

        await server.StopAsync();
        Assert.True(await health.IsReachableAsync(CancellationToken.None)); // cached: the server was not asked
        clock.Advance(ClusterDatabaseHealth.CacheFor);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => health.IsReachableAsync(CancellationToken.None)));
        Assert.All(concurrent, Assert.False);

        await server.StartAgainAsync();
        Assert.False(await health.IsReachableAsync(CancellationToken.None)); // cached
        clock.Advance(ClusterDatabaseHealth.CacheFor);
        Assert.True(await health.IsReachableAsync(CancellationToken.None)); // the pool's dead connections are no obstacle
    }

    /// <summary>Time that moves only when told (timers still run on real time, for the probe's timeout).</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = TimeProvider.System.GetTimestamp();

        public override long TimestampFrequency => TimeProvider.System.TimestampFrequency;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, (long)(by.TotalSeconds * TimestampFrequency));
    }
}
