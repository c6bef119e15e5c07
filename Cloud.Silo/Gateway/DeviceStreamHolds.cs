namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Keeps one connection's reports of each device in order when some are refused for now (429, 500). The agent keeps
/// a refused report and replays its outbox from the oldest entry; reports of the same device sent meanwhile must not
/// overtake it, or the replayed report arrives behind a newer edge version and is dropped as stale, losing it from
/// the history. So a refusal holds the device's stream: until the retry time every report of that device is refused
/// too, and after it only the refused report (or an older one) is taken, which releases the hold. A hold whose
/// report never comes back (the agent dropped it) ends after <see cref="MaxWait"/>. Used by the connection's receive
/// loop only, so not thread-safe; time is passed in.
/// </summary>
internal sealed class DeviceStreamHolds
{
    /// <summary>How long after the retry time a hold waits for its refused report: the agent's default resend
    /// interval, after which it has replayed everything it still holds.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    /// <summary>Devices whose stream is held.</summary>
    public int Count => _holds.Count;

    /// <summary>
    /// Null when the report (<paramref name="device"/>, outbox <paramref name="sequence"/>) may be processed now;
    /// otherwise the refused report it must wait for and how long until the hold's retry time (zero once passed).
    /// </summary>
    public (long WaitsFor, TimeSpan RetryAfter)? Check(string device, long sequence, TimeSpan now)
    {
        if (!_holds.TryGetValue(device, out var hold))
        {
            return null;
        }

        if (now < hold.Until)
        {
            return (hold.Sequence, hold.Until - now);
        }

        if (sequence <= hold.Sequence || now >= hold.Until + MaxWait)
        {
            _holds.Remove(device);
            return null;
        }

        return (hold.Sequence, TimeSpan.Zero);
    }

    /// <summary>The report (<paramref name="device"/>, <paramref name="sequence"/>) was refused for now; its device
    /// waits for it, and for <paramref name="retryAfter"/> at least.</summary>
    public void Refused(string device, long sequence, TimeSpan now, TimeSpan retryAfter)
    {
        var until = now + (retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero);
        _holds[device] = _holds.TryGetValue(device, out var hold)
            ? new Hold(Math.Min(hold.Sequence, sequence), until > hold.Until ? until : hold.Until)
            : new Hold(sequence, until);
    }

    private readonly record struct Hold(long Sequence, TimeSpan Until);
}
