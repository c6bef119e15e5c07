using System.Globalization;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>
/// KubeEdge's twin merge rules, pure: validation, version handling and delta computation with no I/O, so each rule is
/// unit-tested on its own. <see cref="DeviceTwinService"/> loads the state, calls these and commits the result.
/// </summary>
public static class TwinRules
{
    /// <summary>The <c>metadata.type</c> that deletes a property.</summary>
    public const string DeletedType = "deleted";

    /// <summary>
    /// KubeEdge's name rule <c>^[a-zA-Z0-9-_.,:/@#]{1,128}$</c>.
    /// </summary>
    public static bool IsValidName(string name) => name.Length is >= 1 and <= 128 && name.All(IsAllowedChar);

    /// <summary>
    /// KubeEdge's value rule <c>^[a-zA-Z0-9-_.,:/@#]{1,512}$</c>, relaxed to also allow spaces (readings such as
    /// "12 kPa" are common and harmless; KUBEEDGE-MQTT.md allows being more permissive on values).
    /// </summary>
    public static bool IsValidValue(string value) => value.Length is >= 1 and <= 512 && value.All(c => c == ' ' || IsAllowedChar(c));

    /// <summary>Maps a <c>metadata.type</c> to the value type it constrains, or null when it imposes none (e.g. "Updated").</summary>
    public static string? NormalizeType(string? type) => type?.ToLowerInvariant() switch
    {
        "string" => "string",
        "int" or "integer" or "int32" or "int64" => "int",
        "float" or "double" or "float32" or "float64" => "float",
        "boolean" or "bool" => "boolean",
        "bytes" => "bytes",
        _ => null,
    };

    /// <summary>True when <paramref name="value"/> is valid for the (normalized) <paramref name="type"/>.</summary>
    public static bool MatchesType(string? type, string value) => NormalizeType(type) switch
    {
        "int" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "float" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "boolean" => value is "true" or "false",
        _ => true,
    };

    /// <summary>
    /// Applies a <c>twin/update</c> from a device or app. Each accepted write bumps the edge version of the value it
    /// sets; an identical value is not a change. Any invalid property refuses the whole update (400); a supplied
    /// version older than the stored one is a conflict (409).
    /// </summary>
    public static TwinDecision ApplyDeviceUpdate(IReadOnlyDictionary<string, TwinProperty> current, IReadOnlyDictionary<string, MsgTwin?> update, long now)
    {
        var changes = new List<TwinChange>();
        foreach (var (name, message) in update)
        {
            if (!IsValidName(name))
            {
                return TwinDecision.Fail(name, 400, $"the twin name '{name}' is invalid (1-128 of a-z A-Z 0-9 - _ . , : / @ #)");
            }

            current.TryGetValue(name, out var stored);
            var before = stored is { Deleted: false } ? stored : null;
            if (message is null || string.Equals(message.Metadata?.Type, DeletedType, StringComparison.OrdinalIgnoreCase))
            {
                if (before is null)
                {
                    continue;
                }

                if (!before.Optional)
                {
                    return TwinDecision.Fail(name, 400, $"the twin '{name}' is not optional and cannot be deleted");
                }

                changes.Add(new TwinChange(before, before with
                {
                    Deleted = true,
                    ExpectedVersion = before.ExpectedVersion.BumpEdge(),
                    ActualVersion = before.ActualVersion.BumpEdge(),
                }));
                continue;
            }

            if (IsStale(message.ExpectedVersion, stored?.ExpectedVersion) || IsStale(message.ActualVersion, stored?.ActualVersion))
            {
                return TwinDecision.Fail(name, 409, $"the twin '{name}' was changed since the version given in the update");
            }

            // A tombstone keeps its versions so that a re-created property continues from them.
            var basis = before ?? (stored is null ? TwinProperty.Empty(name) : TwinProperty.Empty(name) with
            {
                ExpectedVersion = stored.ExpectedVersion,
                ActualVersion = stored.ActualVersion,
            });
            var type = basis.Type ?? NormalizeType(message.Metadata?.Type);
            var after = basis with { Type = type, Optional = message.Optional ?? basis.Optional };

            if (message.Expected is { } expected)
            {
                if (Validate(name, expected.Value, type) is { } invalid)
                {
                    return TwinDecision.Fail(name, 400, invalid);
                }

                if (before is null || !string.Equals(before.Expected, expected.Value, StringComparison.Ordinal))
                {
                    after = after with { Expected = expected.Value, ExpectedTimestamp = now, ExpectedVersion = basis.ExpectedVersion.BumpEdge() };
                }
            }

            if (message.Actual is { } actual)
            {
                if (Validate(name, actual.Value, type) is { } invalid)
                {
                    return TwinDecision.Fail(name, 400, invalid);
                }

                if (before is null || !string.Equals(before.Actual, actual.Value, StringComparison.Ordinal))
                {
                    after = after with { Actual = actual.Value, ActualTimestamp = now, ActualVersion = basis.ActualVersion.BumpEdge() };
                }
            }

            if (after != before)
            {
                changes.Add(new TwinChange(before, after));
            }
        }

        return new TwinDecision(changes, [], []);
    }

    /// <summary>
    /// Applies desired values from the cloud, per property, as KubeEdge's sync does: a version is required; a cloud
    /// version older than the stored one is rejected (409); when the edge has changed the expected value since the
    /// version the cloud saw, the edge's change wins and the property is skipped (its report is on its way up); a
    /// replay of the stored cloud version with the same value is a no-op. Actual values stay the edge's.
    /// </summary>
    /// <param name="current">Stored properties by name.</param>
    /// <param name="update">Properties from the cloud.</param>
    /// <param name="now">Current time, ms since the epoch.</param>
    /// <param name="requireVersion">False for a device newly bound by membership, whose twin may come without
    /// versions (taken as version 0).</param>
    public static TwinDecision ApplyCloudUpdate(
        IReadOnlyDictionary<string, TwinProperty> current, IReadOnlyDictionary<string, MsgTwin?> update, long now, bool requireVersion = true)
    {
        var changes = new List<TwinChange>();
        var rejections = new List<TwinRejection>();
        var skipped = new List<string>();
        foreach (var (name, message) in update)
        {
            if (!IsValidName(name))
            {
                rejections.Add(new TwinRejection(name, 400, $"the twin name '{name}' is invalid"));
                continue;
            }

            current.TryGetValue(name, out var stored);
            var before = stored is { Deleted: false } ? stored : null;
            var version = message?.ExpectedVersion ?? (requireVersion ? null : new MsgTwinVersion());
            if (version is not null && stored is not null && version.Cloud < stored.ExpectedVersion.Cloud)
            {
                rejections.Add(new TwinRejection(name, 409,
                    $"stale cloud version {version.Cloud} for twin '{name}': the edge has version {stored.ExpectedVersion.Cloud}"));
                continue;
            }

            if (message is null || string.Equals(message.Metadata?.Type, DeletedType, StringComparison.OrdinalIgnoreCase))
            {
                if (before is not null)
                {
                    var cloud = Math.Max(version?.Cloud ?? 0, before.ExpectedVersion.Cloud);
                    changes.Add(new TwinChange(before, before with { Deleted = true, ExpectedVersion = before.ExpectedVersion with { Cloud = cloud } }));
                }

                continue;
            }

            if (version is null)
            {
                rejections.Add(new TwinRejection(name, 400, $"the cloud update of twin '{name}' carries no expected_version"));
                continue;
            }

            var basis = before ?? TwinProperty.Empty(name) with
            {
                ExpectedVersion = stored?.ExpectedVersion ?? default,
                ActualVersion = stored?.ActualVersion ?? default,
            };
            if (version.Edge < basis.ExpectedVersion.Edge)
            {
                skipped.Add(name);
                continue;
            }

            var value = message.Expected?.Value;
            if (before is not null && version.Cloud == before.ExpectedVersion.Cloud && string.Equals(value, before.Expected, StringComparison.Ordinal))
            {
                continue;
            }

            var type = NormalizeType(message.Metadata?.Type) ?? basis.Type;
            if (value is not null && Validate(name, value, type) is { } invalid)
            {
                rejections.Add(new TwinRejection(name, 400, invalid));
                continue;
            }

            changes.Add(new TwinChange(before, basis with
            {
                Deleted = false,
                Expected = value,
                ExpectedTimestamp = message.Expected?.Metadata?.Timestamp is > 0 and var ts ? ts : now,
                ExpectedVersion = basis.ExpectedVersion with { Cloud = version.Cloud },
                Type = type,
                Optional = message.Optional ?? basis.Optional,
            }));
        }

        return new TwinDecision(changes, rejections, skipped);
    }

    /// <summary>Property name → expected value, for every live property whose expected value differs from the actual one.</summary>
    public static Dictionary<string, string> Delta(IEnumerable<TwinProperty> properties)
    {
        var delta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            if (!p.Deleted && p.Expected is not null && !string.Equals(p.Expected, p.Actual, StringComparison.Ordinal))
            {
                delta[p.Name] = p.Expected;
            }
        }

        return delta;
    }

    private static string? Validate(string name, string? value, string? type)
    {
        if (value is null)
        {
            return null;
        }

        if (!IsValidValue(value))
        {
            return $"the value of twin '{name}' is invalid (1-512 of a-z A-Z 0-9 space - _ . , : / @ #)";
        }

        return MatchesType(type, value) ? null : $"the value '{value}' of twin '{name}' is not a valid {type}";
    }

    private static bool IsStale(MsgTwinVersion? given, TwinVersions? stored) => given is not null && stored is { } s && given.Edge < s.Edge;

    private static bool IsAllowedChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ',' or ':' or '/' or '@' or '#';
}
