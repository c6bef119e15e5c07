using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>What a frame carries.</summary>
internal enum MessageKind : byte
{
    /// <summary>A grain call that expects a response.</summary>
    Request = 1,

    /// <summary>The answer to a request, correlated by <see cref="Message.Id"/>.</summary>
    Response = 2,

    /// <summary>A grain call without a response.</summary>
    OneWay = 3,

    /// <summary>First frame on every connection: who the sender is (silo address or client id) and its cluster.</summary>
    Handshake = 4,

    /// <summary>Membership probe; answered by <see cref="Pong"/> with the same id.</summary>
    Ping = 5,

    /// <summary>Answer to a probe.</summary>
    Pong = 6,

    /// <summary>Gossip: the sender changed the membership table; read it now.</summary>
    MembershipChanged = 7,
}

/// <summary>Outcome carried by a response.</summary>
internal enum ResponseStatus : byte
{
    /// <summary>Body is the JSON result.</summary>
    Ok = 0,

    /// <summary>Body is a JSON exception description.</summary>
    Error = 1,

    /// <summary>The callee gave up on the deadline.</summary>
    Timeout = 2,

    /// <summary>The target activation is not on this silo any more; the caller drops its cached address and resends.</summary>
    NotHere = 3,

    /// <summary>Refused (silo shutting down, overloaded, or the message could not be decoded).</summary>
    Rejected = 4,
}

/// <summary>
/// One message between silos or between a client and a silo. Requests and responses to activations on the same silo
/// never become a <see cref="Message"/>; only remote traffic does, so every field here is encoded by the codec except
/// <see cref="ReceivedAt"/>.
/// </summary>
internal sealed class Message
{
    /// <summary>What this frame is.</summary>
    public MessageKind Kind { get; set; }

    /// <summary>Correlation id chosen by the sender of a request; echoed by the response.</summary>
    public long Id { get; set; }

    /// <summary>Grain being called (requests); default for other kinds.</summary>
    public GrainId Target { get; set; }

    /// <summary>Interface of the called method (requests).</summary>
    public string? InterfaceName { get; set; }

    /// <summary>Method id within <see cref="InterfaceName"/> (requests).</summary>
    public int MethodId { get; set; }

    /// <summary>Scheduling flags of the call.</summary>
    public RequestFlags Flags { get; set; }

    /// <summary>Silo the sender believed hosts the target activation, if any (lets the receiver detect stale routing).</summary>
    public string? TargetActivation { get; set; }

    /// <summary>Time the callee has left, in milliseconds, when the frame was written (clocks of two machines differ,
    /// so an absolute deadline is not sent).</summary>
    public int TimeoutMs { get; set; }

    /// <summary>Grains (as "type/key.Method") on the path that led to this call, outermost first. Used in timeout
    /// errors and for cycle detection.</summary>
    public IReadOnlyList<string>? CallChain { get; set; }

    /// <summary>How many times this request was forwarded between silos (bounded to stop routing loops).</summary>
    public int ForwardCount { get; set; }

    /// <summary>Outcome (responses).</summary>
    public ResponseStatus Status { get; set; }

    /// <summary>JSON arguments array (requests), JSON result or error (responses), JSON handshake, or empty.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Local receive time in ticks of the receiver's clock; not encoded.</summary>
    public long ReceivedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        Kind switch
        {
            MessageKind.Request or MessageKind.OneWay => $"{Kind} #{Id} {Target} {InterfaceName}#{MethodId}",
            MessageKind.Response => $"Response #{Id} {Status}",
            _ => $"{Kind} #{Id}",
        };
}
