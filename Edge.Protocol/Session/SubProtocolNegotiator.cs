using System.Diagnostics.CodeAnalysis;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Picks the WebSocket subprotocol for a connect. The client lists the versions it speaks in
/// <c>Sec-WebSocket-Protocol</c>, most preferred first; the server takes the first one it supports, or refuses the
/// upgrade with HTTP 426 before looking at any credential, naming what it speaks in the body.
/// </summary>
public static class SubProtocolNegotiator
{
    /// <summary>Subprotocols this assembly speaks, newest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [EdgeProtocolConstants.SubProtocol];

    /// <summary>Chooses the first of <paramref name="requested"/> that is supported (names compare case-sensitively).</summary>
    public static bool TrySelect(IEnumerable<string>? requested, [NotNullWhen(true)] out string? selected)
    {
        selected = null;
        if (requested is null)
        {
            return false;
        }

        foreach (var candidate in requested)
        {
            var name = candidate?.Trim();
            if (!string.IsNullOrEmpty(name) && Supported.Contains(name, StringComparer.Ordinal))
            {
                selected = name;
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits a raw <c>Sec-WebSocket-Protocol</c> header value (comma-separated, possibly repeated).</summary>
    public static IReadOnlyList<string> ParseHeader(string? headerValue) =>
        string.IsNullOrWhiteSpace(headerValue)
            ? []
            : headerValue.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The refusal of a client that offered nothing supported; names what the server speaks. Its reason is
    /// the body of the gateway's 426 answer; the code is <see cref="EdgeCloseCodes.UnsupportedVersion"/>, kept so a
    /// server may also close an accepted socket with it.</summary>
    public static EdgeCloseStatus Refusal(IEnumerable<string>? requested)
    {
        var offered = requested is null ? "" : string.Join(",", requested);
        return EdgeCloseStatus.Create(
            EdgeCloseCodes.UnsupportedVersion,
            $"server speaks {string.Join(",", Supported)}; client offered '{offered}'");
    }
}
