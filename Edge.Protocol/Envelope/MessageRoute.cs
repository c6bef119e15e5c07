namespace EdgeHive.Edge.Protocol;

/// <summary>Envelope route, after KubeEdge's beehive <c>model.MessageRoute</c>.</summary>
public sealed record MessageRoute
{
    /// <summary>Sending side or module, for example <see cref="EdgeProtocolConstants.CloudSource"/>.</summary>
    public required string Source { get; init; }

    /// <summary>Module group that handles the message on the receiving side (see <see cref="EdgeGroups"/>).</summary>
    public required string Group { get; init; }

    /// <summary>What to do with the resource (see <see cref="EdgeOperations"/>).</summary>
    public required string Operation { get; init; }

    /// <summary>
    /// Key of the object the message is about, for example <c>device/default/thermo-1</c> (see <see cref="ResourceKeys"/>);
    /// empty for messages about no object. Resend merging treats equal keys as the same object.
    /// </summary>
    public string Resource { get; init; } = "";
}
