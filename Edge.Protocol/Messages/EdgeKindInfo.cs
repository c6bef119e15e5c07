using System.Text.Json.Serialization.Metadata;

namespace EdgeHive.Edge.Protocol;

/// <summary>What the protocol knows about one message kind.</summary>
public sealed record EdgeKindInfo
{
    internal EdgeKindInfo(
        string kind, JsonTypeInfo typeInfo, string group, string operation, MessageDirection direction, bool acknowledged)
    {
        Kind = kind;
        TypeInfo = typeInfo;
        Group = group;
        Operation = operation;
        Direction = direction;
        Acknowledged = acknowledged;
    }

    /// <summary>Kind name on the wire.</summary>
    public string Kind { get; }

    /// <summary>The payload record type.</summary>
    public Type PayloadType => TypeInfo.Type;

    /// <summary>Route group the factory sets.</summary>
    public string Group { get; }

    /// <summary>Route operation the factory sets.</summary>
    public string Operation { get; }

    /// <summary>Which way the kind travels.</summary>
    public MessageDirection Direction { get; }

    /// <summary>
    /// True when the receiver answers with an <see cref="Ack"/> after persisting the message, and the sender keeps it
    /// until then: downstream object messages and upstream outbox reports.
    /// </summary>
    public bool Acknowledged { get; }

    /// <summary>True when a message of this kind may travel in <paramref name="direction"/>.</summary>
    public bool Allows(MessageDirection direction) => Direction == MessageDirection.Both || Direction == direction;

    internal JsonTypeInfo TypeInfo { get; }
}
