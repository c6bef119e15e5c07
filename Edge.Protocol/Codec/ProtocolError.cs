namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Why a frame could not be read: an HTTP-like <see cref="Code"/> (see <see cref="ErrorCodes"/>) and a reason that names
/// the offending field. <see cref="MessageId"/> is set when the bad message's id could be read, so that the receiver
/// can answer with an <see cref="ErrorResult"/> whose parent is that message.
/// </summary>
public sealed record ProtocolError(int Code, string Reason)
{
    /// <summary>Id of the offending message, when it could be read.</summary>
    public string? MessageId { get; init; }

    /// <summary>Position of the offending message in a batch; <c>null</c> for frame-level errors.</summary>
    public int? Index { get; init; }

    /// <summary>The WebSocket close status that ends a session because of this error.</summary>
    public EdgeCloseStatus ToCloseStatus() => EdgeCloseStatus.Create(EdgeCloseCodes.FromErrorCode(Code), Reason);

    /// <inheritdoc />
    public override string ToString() => MessageId is null ? $"{Code}: {Reason}" : $"{Code}: {Reason} (message {MessageId})";
}
