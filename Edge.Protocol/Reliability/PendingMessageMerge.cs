namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Shrinks a resend queue: of several unacknowledged messages about the same object only the one with the newest
/// resource version is worth sending, because every object message carries the object's whole state (or its deletion).
/// </summary>
public static class PendingMessageMerge
{
    /// <summary>
    /// Keeps, per object key (<see cref="MessageRoute.Resource"/>), only the message with the greatest resource version,
    /// at the position where that key first appeared, so objects are resent in the order they first changed. On equal
    /// versions the later message wins. Messages without a key or without a version (0) are never merged and keep
    /// their place.
    /// </summary>
    public static IReadOnlyList<EdgeMessage> MergePerObject(IEnumerable<EdgeMessage> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var result = new List<EdgeMessage>();
        var slotByKey = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var message in pending)
        {
            if (!IsMergeable(message))
            {
                result.Add(message);
                continue;
            }

            if (slotByKey.TryGetValue(message.Route.Resource, out var slot))
            {
                if (message.Header.ResourceVersion >= result[slot].Header.ResourceVersion)
                {
                    result[slot] = message;
                }
            }
            else
            {
                slotByKey.Add(message.Route.Resource, result.Count);
                result.Add(message);
            }
        }

        return result;
    }

    /// <summary>True when the message names an object and a version, so that a newer one can replace it.</summary>
    public static bool IsMergeable(EdgeMessage message) =>
        message.Route.Resource.Length > 0 && message.Header.ResourceVersion > 0;
}
