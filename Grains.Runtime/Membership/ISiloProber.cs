namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// Checks that another silo answers. The runtime implements it with Ping/Pong frames over the silo connection; tests
/// use a fake whose reachability they control.
/// </summary>
internal interface ISiloProber
{
    /// <summary>
    /// Sends one probe to <paramref name="target"/>. Returns true if it answered within <paramref name="timeout"/>,
    /// false if it did not; a refused connection returns false at once rather than waiting out the timeout.
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken);
}
