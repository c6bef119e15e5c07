using System.Net.WebSockets;
using System.Text;

namespace EdgeHive.Edge.Protocol;

/// <summary>A close code with a reason that fits a WebSocket close frame.</summary>
public readonly record struct EdgeCloseStatus(int Code, string Reason)
{
    /// <summary>RFC 6455 allows at most 123 bytes of UTF-8 reason in a close frame.</summary>
    public const int MaxReasonBytes = 123;

    /// <summary>The code as the BCL's <see cref="WebSocketCloseStatus"/>, for <c>WebSocket.CloseAsync</c>.</summary>
    public WebSocketCloseStatus Status => (WebSocketCloseStatus)Code;

    /// <summary>
    /// Builds a status whose reason is the code's description plus <paramref name="detail"/>, cut at a character
    /// boundary to <see cref="MaxReasonBytes"/> bytes so that <c>CloseAsync</c> never rejects it.
    /// </summary>
    public static EdgeCloseStatus Create(int code, string? detail = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 4999);
        var reason = EdgeCloseCodes.Describe(code);
        if (!string.IsNullOrEmpty(detail))
        {
            reason += ": " + detail;
        }

        return new EdgeCloseStatus(code, Truncate(reason));
    }

    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
        {
            return reason;
        }

        var bytes = 0;
        var length = 0;
        foreach (var rune in reason.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxReasonBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return reason[..length];
    }
}
