namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Topics;

/// <summary>
/// Pure topic rules of MQTT 3.1.1 §4.7: validation of topic names and filters, and filter matching with
/// <c>+</c> (one level) and <c>#</c> (this level and everything below, including the parent itself).
/// </summary>
public static class MqttTopic
{
    /// <summary>A topic name a PUBLISH may carry: non-empty, no wildcards, no NUL.</summary>
    public static bool IsValidTopicName(string topic) =>
        !string.IsNullOrEmpty(topic) && topic.AsSpan().IndexOfAny('+', '#', '\0') < 0;

    /// <summary>
    /// A topic filter a SUBSCRIBE may carry: non-empty, no NUL, <c>+</c> only as a whole level, <c>#</c> only as the
    /// whole last level.
    /// </summary>
    public static bool IsValidTopicFilter(string filter)
    {
        if (string.IsNullOrEmpty(filter) || filter.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var rest = filter.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            var level = slash < 0 ? rest : rest[..slash];
            if (level.IndexOfAny('+', '#') >= 0 && level.Length != 1)
            {
                return false;
            }

            if (level is "#" && slash >= 0)
            {
                return false;
            }

            if (slash < 0)
            {
                return true;
            }

            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>
    /// Whether <paramref name="topic"/> matches <paramref name="filter"/>. Both are assumed valid. Topics starting
    /// with <c>$</c> (such as KubeEdge's <c>$hw/events/...</c>) are not matched by a filter whose first level is a
    /// wildcard (§4.7.2), but are matched by filters that spell the <c>$</c> level out, e.g. <c>$hw/events/#</c>.
    /// </summary>
    public static bool IsMatch(string filter, string topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && filter[0] is '+' or '#')
        {
            return false;
        }

        var f = filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            var fSlash = f.IndexOf('/');
            var fLevel = fSlash < 0 ? f : f[..fSlash];
            if (fLevel is "#")
            {
                return true;
            }

            var tSlash = t.IndexOf('/');
            var tLevel = tSlash < 0 ? t : t[..tSlash];
            if (fLevel is not "+" && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }

            if (fSlash < 0)
            {
                return tSlash < 0;
            }

            if (tSlash < 0)
            {
                // The topic ended but the filter goes on: only a trailing "#" also matches the parent level.
                return f[(fSlash + 1)..] is "#";
            }

            f = f[(fSlash + 1)..];
            t = t[(tSlash + 1)..];
        }
    }
}
