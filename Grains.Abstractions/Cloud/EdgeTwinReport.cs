namespace EdgeHive.Grains.Cloud;

/// <summary>Reported values of one device, taken from one entry of the edge's outbox.</summary>
/// <param name="OutboxSequence">The outbox entry's sequence number on the edge; echoed in logs and kept for
/// diagnostics. The edge deletes the entry once the cloud acknowledges it.</param>
/// <param name="Properties">Reported value per property name.</param>
public sealed record EdgeTwinReport(long OutboxSequence, IReadOnlyDictionary<string, ReportedPropertyUpdate> Properties)
{
    private static readonly IReadOnlyDictionary<string, ReportedPropertyUpdate> Empty =
        new Dictionary<string, ReportedPropertyUpdate>();

    /// <summary>Reported value per property name; never null.</summary>
    public IReadOnlyDictionary<string, ReportedPropertyUpdate> Properties { get; init; } = Properties ?? Empty;
}
