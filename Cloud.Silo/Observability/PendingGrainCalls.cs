using Orleans;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>Grain calls made from this silo (by its grains, its REST API and its edge gateway) that have not been
/// answered yet: an Orleans outgoing call filter that counts a call from sending until its response, its failure or
/// its timeout.</summary>
internal sealed class PendingGrainCalls : IOutgoingGrainCallFilter
{
    private long _count;

    /// <summary>Calls waiting for a response now.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc />
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _count);
        try
        {
            await context.Invoke().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
