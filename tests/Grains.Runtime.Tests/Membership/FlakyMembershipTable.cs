using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

/// <summary>Wraps a table and throws from every call while <see cref="Failing"/> is set, like a database outage.</summary>
internal sealed class FlakyMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private int _failures;

    public volatile bool Failing;

    public int Failures => Volatile.Read(ref _failures);

    public Task InitializeAsync(CancellationToken cancellationToken) => Call(() => inner.InitializeAsync(cancellationToken));

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken) =>
        Call(() => inner.ReadAllAsync(cancellationToken));

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        Call(() => inner.InsertRowAsync(entry, expectedVersion, cancellationToken));

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken) =>
        Call(() => inner.UpdateRowAsync(entry, etag, expectedVersion, cancellationToken));

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken) =>
        Call(() => inner.UpdateIAmAliveAsync(silo, time, cancellationToken));

    public Task CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Call(() => inner.CleanupDefunctEntriesAsync(before, cancellationToken));

    private T Call<T>(Func<T> call) where T : Task
    {
        if (Failing)
        {
            Interlocked.Increment(ref _failures);
            throw new InvalidOperationException("The membership table is unavailable (simulated outage).");
        }

        return call();
    }
}
