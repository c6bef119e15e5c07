namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Presence bitmask of the optional header fields, written as a varint after the kind byte. A field whose value is the
/// default (null, zero, empty id) is left out, so a Ping costs three header bytes and a typical request a few dozen.
/// </summary>
[Flags]
internal enum HeaderFields : uint
{
    None = 0,

    /// <summary><see cref="Message.Target"/>: type then key, both strings.</summary>
    Target = 1 << 0,

    /// <summary><see cref="Message.InterfaceName"/>: string (interned on decode).</summary>
    InterfaceName = 1 << 1,

    /// <summary><see cref="Message.MethodId"/>: zigzag varint.</summary>
    MethodId = 1 << 2,

    /// <summary><see cref="Message.Flags"/>: varint.</summary>
    Flags = 1 << 3,

    /// <summary><see cref="Message.TargetActivation"/>: string.</summary>
    TargetActivation = 1 << 4,

    /// <summary><see cref="Message.TimeoutMs"/>: zigzag varint.</summary>
    TimeoutMs = 1 << 5,

    /// <summary><see cref="Message.CallChain"/>: varint count, then that many strings (present even when empty, so
    /// null and empty stay distinct).</summary>
    CallChain = 1 << 6,

    /// <summary><see cref="Message.ForwardCount"/>: zigzag varint.</summary>
    ForwardCount = 1 << 7,

    /// <summary><see cref="Message.Status"/>: one byte.</summary>
    Status = 1 << 8,

    /// <summary>Every bit this version understands; any other bit makes a frame malformed.</summary>
    All = (1 << 9) - 1,
}
