using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// Rules for a device's state, which only the edge reports (KubeEdge's <c>state/update</c>): the allowed state words,
/// ordering by observation time, and the last-online time, which follows reports of a reachable device and never moves
/// backwards or into the future.
/// </summary>
internal static class DeviceStateRules
{
    /// <summary>Parses a KubeEdge state word (<c>online</c>, <c>offline</c>, <c>ok</c>, <c>unknown</c>,
    /// <c>unhealthy</c>), ignoring case and surrounding whitespace.</summary>
    public static bool TryParse(string? text, out DeviceState state)
    {
        state = (text ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "online" => DeviceState.Online,
            "offline" => DeviceState.Offline,
            "ok" => DeviceState.Ok,
            "unknown" => DeviceState.Unknown,
            "unhealthy" => DeviceState.Unhealthy,
            _ => (DeviceState)(-1),
        };
        return Enum.IsDefined(state);
    }

    /// <summary>True for states in which the device answered its mapper, which move the last-online time.
    /// KubeEdge moves it on <c>online</c>; <c>ok</c> and <c>unhealthy</c> also mean the device was reached.</summary>
    public static bool IsReachable(DeviceState state) => state is DeviceState.Online or DeviceState.Ok or DeviceState.Unhealthy;

    /// <summary>Applies a state the edge observed at <paramref name="observedAt"/> to <paramref name="current"/>.
    /// A report older than the stored one is ignored; a time in the future (edge clock ahead) counts as
    /// <paramref name="now"/>.</summary>
    public static DeviceStateDecision Apply(DeviceStatus current, DeviceState reported, DateTimeOffset observedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!Enum.IsDefined(reported))
        {
            return Ignore(current, $"'{reported}' is not a device state");
        }

        var at = observedAt > now ? now : observedAt;
        if (current.StateTime is { } stored && at < stored)
        {
            return Ignore(current, $"stale: observed at {at:O}, before the stored state's {stored:O}");
        }

        var lastOnline = current.LastOnlineTime;
        if (IsReachable(reported) && (lastOnline is null || at > lastOnline))
        {
            lastOnline = at;
        }

        var changed = reported != current.State || at != current.StateTime || lastOnline != current.LastOnlineTime;
        return new DeviceStateDecision(changed, reported, at, lastOnline, changed ? null : "duplicate: nothing changed");
    }

    /// <summary>The state to show: the stored state while the device's node is online, <see cref="DeviceState.Unknown"/>
    /// when the device is unbound or its node is not connected (the cloud cannot know).</summary>
    public static DeviceState Effective(DeviceState stored, bool bound, NodeStatus nodeStatus) =>
        bound && nodeStatus == NodeStatus.Online ? stored : DeviceState.Unknown;

    private static DeviceStateDecision Ignore(DeviceStatus current, string reason) =>
        new(false, current.State, current.StateTime, current.LastOnlineTime, reason);
}
