using System.Diagnostics.CodeAnalysis;

namespace EdgeHive.Edge.Agent.Options;

/// <summary>The <c>--mqtt</c> setting: <c>embedded://host:port</c> (listen) or <c>tcp://host:port</c> (connect).</summary>
/// <param name="Mode">Embedded broker or external broker.</param>
/// <param name="Host">Address to listen on (embedded) or broker host (external).</param>
/// <param name="Port">TCP port.</param>
public sealed record MqttEndpoint(MqttMode Mode, string Host, int Port)
{
    /// <summary>The default MQTT port.</summary>
    public const int DefaultPort = 1883;

    /// <summary>The default: an embedded broker on loopback, port 1883 (KubeEdge's internal broker port).</summary>
    public static MqttEndpoint Default { get; } = new(MqttMode.Embedded, "127.0.0.1", DefaultPort);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MqttEndpoint? endpoint, out string error)
    {
        endpoint = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"'{text}' is not a URL; use embedded://127.0.0.1:1883 or tcp://host:port.";
            return false;
        }

        var mode = uri.Scheme switch
        {
            "embedded" => MqttMode.Embedded,
            "tcp" or "mqtt" => MqttMode.External,
            _ => (MqttMode?)null,
        };
        if (mode is null)
        {
            error = $"'{text}' has scheme '{uri.Scheme}'; use embedded:// (built-in broker) or tcp:// (external broker).";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0)
        {
            error = $"'{text}' must be {uri.Scheme}://host:port with no path.";
            return false;
        }

        // Uri reports -1 for unknown schemes without an explicit port.
        var port = uri.IsDefaultPort || uri.Port <= 0 ? DefaultPort : uri.Port;
        endpoint = new MqttEndpoint(mode.Value, uri.Host, port);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(Mode == MqttMode.Embedded ? "embedded" : "tcp")}://{Host}:{Port}";
}
