namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>A clock that only moves when told to, so stored time stamps can be asserted exactly.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
