using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// Pure rules of twin synchronisation between the cloud (desired values, cloud versions) and the edge (reported values,
/// edge versions), after KubeEdge's device twin: versions only move forward, an update older than what is held is
/// stale and ignored, and replaying the same update changes nothing — which is what makes the edge's outbox replays
/// and the cloud's resends after a reconnect safe.
/// </summary>
internal static class TwinMerge
{
    /// <summary>Applies validated desired changes (null removes) made at cloud version <paramref name="version"/>.
    /// A change to the value already desired is not a change, so retried requests keep their versions.</summary>
    public static TwinUpdate ApplyDesired(
        IReadOnlyDictionary<string, TwinProperty> twin,
        IReadOnlyDictionary<string, string?> changes,
        long version,
        DateTimeOffset now)
    {
        var result = new Dictionary<string, TwinProperty>(twin, StringComparer.Ordinal);
        var applied = new List<string>();
        var ignored = new List<ValidationError>();
        foreach (var (name, value) in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            twin.TryGetValue(name, out var current);
            var currentValue = current?.Desired?.Value;
            if (string.Equals(currentValue, value, StringComparison.Ordinal))
            {
                ignored.Add(new ValidationError(name, value is null ? "no desired value to remove" : "the value is already desired"));
                continue;
            }

            if (current?.Desired is { } desired && desired.Version >= version)
            {
                ignored.Add(new ValidationError(name, $"cloud version {version} is not newer than {desired.Version}"));
                continue;
            }

            // A removal stays as a tombstone (null value) until the edge acknowledges it.
            result[name] = new TwinProperty(
                new DesiredValue(value, version, now), current?.Reported, current?.ObservedDesired, SyncState.Pending, null);
            applied.Add(name);
        }

        return new TwinUpdate(applied.Count > 0 ? result : twin, applied, ignored);
    }

    /// <summary>Applies reported values from the edge. A value is applied when its edge version is newer than the
    /// stored one; an equal version is a replay (ignored), an older one is stale (ignored). Properties the model does
    /// not declare, values over the length limit and a report that would make the reported document too large are
    /// ignored with a reason rather than failing the whole report, so the edge can still drop it from its outbox.</summary>
    public static TwinUpdate ApplyReport(
        IReadOnlyDictionary<string, TwinProperty> twin,
        EdgeTwinReport report,
        IReadOnlyList<DeviceModelProperty> modelProperties,
        TwinLimits limits)
    {
        var known = modelProperties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, TwinProperty>(twin, StringComparer.Ordinal);
        var applied = new List<string>();
        var ignored = new List<ValidationError>();
        foreach (var (name, update) in report.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            twin.TryGetValue(name, out var current);
            var reason = CheckReport(name, update, current, known, limits);
            if (reason is not null)
            {
                ignored.Add(new ValidationError(name, reason));
                continue;
            }

            result[name] = current is null
                ? new TwinProperty(null, ToReported(update), null, SyncState.InSync, null)
                : current with { Reported = ToReported(update) };
            applied.Add(name);
        }

        var size = TwinValidator.DocumentSize(ReportedValues(result));
        if (applied.Count > 0 && size > limits.MaxDocumentBytes)
        {
            var message = $"the reported twin document would be {size} bytes; the limit is {limits.MaxDocumentBytes} bytes";
            ignored.AddRange(applied.Select(name => new ValidationError(name, message)));
            return new TwinUpdate(twin, [], [.. ignored.OrderBy(e => e.Property, StringComparer.Ordinal)]);
        }

        return new TwinUpdate(applied.Count > 0 ? result : twin, applied, ignored);
    }

    /// <summary>Applies the edge's answers to desired values. Only an answer about the current desired version counts:
    /// an older one was superseded (the newer value is on its way), a newer one was never sent. An accepted removal
    /// with nothing reported drops the property from the twin.</summary>
    public static TwinUpdate ApplyAcks(
        IReadOnlyDictionary<string, TwinProperty> twin,
        IReadOnlyDictionary<string, DesiredAck> acks,
        DateTimeOffset now)
    {
        var result = new Dictionary<string, TwinProperty>(twin, StringComparer.Ordinal);
        var applied = new List<string>();
        var ignored = new List<ValidationError>();
        foreach (var (name, ack) in acks.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            twin.TryGetValue(name, out var current);
            var reason = CheckAck(current, ack);
            if (reason is not null)
            {
                ignored.Add(new ValidationError(name, reason));
                continue;
            }

            var desired = current!.Desired!;
            if (!ack.Accepted)
            {
                result[name] = current with { Sync = SyncState.Rejected, SyncReason = ack.Reason ?? "rejected by the edge" };
            }
            else if (desired.Value is null && current.Reported is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = current with
                {
                    ObservedDesired = new ObservedDesired(desired.Value, desired.Version, now),
                    Sync = SyncState.InSync,
                    SyncReason = null,
                };
            }

            applied.Add(name);
        }

        return new TwinUpdate(applied.Count > 0 ? result : twin, applied, ignored);
    }

    /// <summary>The desired values (and removals) the edge still has to apply, ordered by property name. Rejected
    /// values are not resent until the desired value changes again.</summary>
    public static IReadOnlyList<DesiredChange> PendingForEdge(IReadOnlyDictionary<string, TwinProperty> twin) =>
        twin.Where(p => NeedsDelivery(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new DesiredChange(p.Key, p.Value.Desired!.Value, p.Value.Desired.Version))
            .ToList();

    /// <summary>The sync state a property should show: in sync when nothing is desired or the edge acknowledged the
    /// current version, rejected when the edge refused the current version, pending otherwise.</summary>
    public static SyncState SyncStateOf(TwinProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.Desired is not { } desired
            || (property.ObservedDesired is { } observed && observed.Version >= desired.Version))
        {
            return SyncState.InSync;
        }

        return property.Sync == SyncState.Rejected ? SyncState.Rejected : SyncState.Pending;
    }

    /// <summary>The reported values as a plain map (the reported twin document).</summary>
    public static IReadOnlyDictionary<string, string> ReportedValues(IReadOnlyDictionary<string, TwinProperty> twin) =>
        twin.Where(p => p.Value.Reported is not null)
            .ToDictionary(p => p.Key, p => p.Value.Reported!.Value, StringComparer.Ordinal);

    private static bool NeedsDelivery(TwinProperty property) => SyncStateOf(property) == SyncState.Pending;

    private static ReportedValue ToReported(ReportedPropertyUpdate update) =>
        new(update.Value, update.Timestamp, update.EdgeVersion);

    private static string? CheckReport(
        string name,
        ReportedPropertyUpdate? update,
        TwinProperty? current,
        HashSet<string> known,
        TwinLimits limits)
    {
        if (update?.Value is null)
        {
            return "no value";
        }

        var nameError = ResourceNames.CheckPropertyName(name);
        if (nameError is not null)
        {
            return "property name " + nameError;
        }

        if (!known.Contains(name))
        {
            return $"unknown property '{name}': the device model does not declare it";
        }

        if (update.EdgeVersion <= 0)
        {
            return "edge version must be positive";
        }

        if (update.Value.Length > limits.MaxValueLength)
        {
            return $"the value is {update.Value.Length} characters long; the limit is {limits.MaxValueLength}";
        }

        if (current?.Reported is not { } reported)
        {
            return null;
        }

        if (update.EdgeVersion < reported.EdgeVersion)
        {
            return $"stale: edge version {update.EdgeVersion} is older than the stored {reported.EdgeVersion}";
        }

        if (update.EdgeVersion == reported.EdgeVersion)
        {
            return string.Equals(update.Value, reported.Value, StringComparison.Ordinal)
                ? $"duplicate: edge version {update.EdgeVersion} is already applied"
                : $"conflict: edge version {update.EdgeVersion} was already applied with another value";
        }

        return null;
    }

    private static string? CheckAck(TwinProperty? current, DesiredAck? ack)
    {
        if (ack is null)
        {
            return "no acknowledgement";
        }

        if (current?.Desired is not { } desired)
        {
            return "the property has no desired value";
        }

        if (ack.Version > desired.Version)
        {
            return $"version {ack.Version} was never sent; the current desired version is {desired.Version}";
        }

        if (ack.Version < desired.Version)
        {
            return $"superseded: version {ack.Version} is older than the current desired version {desired.Version}";
        }

        // Once applied, a version stays applied: a late refusal of it cannot undo what the edge stored.
        var state = SyncStateOf(current);
        if (state == SyncState.InSync || (state == SyncState.Rejected && !ack.Accepted))
        {
            return $"duplicate: version {ack.Version} is already acknowledged";
        }

        return null;
    }
}
