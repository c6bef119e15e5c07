using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using EdgeHive.Edge.Agent.DeviceTwin.Reports;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Serialization;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>
/// Turns outbox rows into protocol messages. Deterministic: the id (<c>o{seq}-{created}</c>), timestamp and sequence
/// come from the row, so a replay after a reconnect or restart is the same message, as the protocol requires, and an
/// error's parent id leads back to the row. Pure: no I/O.
/// </summary>
public static class OutboxMessageMapper
{
    private const string IdPrefix = "o";

    /// <summary>The message for <paramref name="entry"/>, or null when the row cannot be read (it is then dropped).</summary>
    public static EdgeMessage? ToMessage(OutboxEntry entry, EdgeMessageFactory factory)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(factory);
        EdgeMessage? message;
        long timestamp;
        try
        {
            (message, timestamp) = entry.Kind switch
            {
                OutboxKinds.TwinReported => Twin(entry, factory),
                OutboxKinds.DeviceState => State(entry, factory),
                OutboxKinds.Event => Event(entry, factory),
                OutboxKinds.WorkloadStatus => Workload(entry, factory),
                _ => (null, 0),
            };
        }
        catch (JsonException)
        {
            return null;
        }

        return message is null ? null : message with
        {
            Header = message.Header with { Id = IdOf(entry), Timestamp = timestamp > 0 ? timestamp : entry.Created },
        };
    }

    /// <summary>The message id of an outbox row.</summary>
    public static string IdOf(OutboxEntry entry) => string.Create(CultureInfo.InvariantCulture, $"{IdPrefix}{entry.Seq}-{entry.Created}");

    /// <summary>Reads the outbox sequence back from a message id made by <see cref="IdOf"/> (an error's parent id).</summary>
    public static bool TryParseSequence([NotNullWhen(true)] string? id, out long seq)
    {
        seq = 0;
        if (id is null || !id.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > IdPrefix.Length
            && long.TryParse(id.AsSpan(IdPrefix.Length, dash - IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    private static (EdgeMessage?, long) Twin(OutboxEntry entry, EdgeMessageFactory factory)
    {
        var report = JsonSerializer.Deserialize(entry.Payload, AgentJsonContext.Default.TwinReport);
        if (report is null || !TrySplit(report.Device, out var ns, out var name))
        {
            return (null, 0);
        }

        var property = new TwinReportedProperty
        {
            Value = report.Deleted ? null : report.Twin.Actual?.Value,
            EdgeVersion = report.Twin.ActualVersion?.Edge ?? 0,
            Timestamp = report.Twin.Actual?.Metadata?.Timestamp is > 0 and var ts ? ts : report.Timestamp,
        };
        var update = new TwinReportedUpdate
        {
            Namespace = ns,
            Name = name,
            Properties = new Dictionary<string, TwinReportedProperty>(StringComparer.Ordinal) { [report.Property] = property },
            Sequence = entry.Seq,
        };
        return (factory.TwinReported(update), report.Timestamp);
    }

    private static (EdgeMessage?, long) State(OutboxEntry entry, EdgeMessageFactory factory)
    {
        var report = JsonSerializer.Deserialize(entry.Payload, AgentJsonContext.Default.StateReport);
        if (report is null || !TrySplit(report.Device, out var ns, out var name))
        {
            return (null, 0);
        }

        long? lastOnline = DateTimeOffset.TryParse(report.LastOnline, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : null;
        var state = new DeviceStateReport { Namespace = ns, Name = name, State = report.State, LastOnline = lastOnline, Sequence = entry.Seq };
        return (factory.DeviceState(state), report.Timestamp);
    }

    private static (EdgeMessage?, long) Event(OutboxEntry entry, EdgeMessageFactory factory)
    {
        var report = JsonSerializer.Deserialize(entry.Payload, AgentJsonContext.Default.EventReport);
        return report is null
            ? (null, 0)
            : (factory.Upload(new UploadEvent { Topic = report.Topic, Payload = report.Payload, Sequence = entry.Seq }), report.Timestamp);
    }

    private static (EdgeMessage?, long) Workload(OutboxEntry entry, EdgeMessageFactory factory)
    {
        var status = JsonSerializer.Deserialize(entry.Payload, EdgedJsonContext.Default.WorkloadStatus);
        return status is null ? (null, 0) : (factory.WorkloadStatus(WorkloadConvert.ToReport(status, entry.Seq)), entry.Created);
    }

    private static bool TrySplit(string id, out string ns, out string name)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        ns = slash > 0 ? id[..slash] : "";
        name = slash > 0 ? id[(slash + 1)..] : "";
        return slash > 0 && name.Length > 0;
    }
}
