using System.Text.Json;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>The first frame on every connection: the sender's identity and cluster. A peer of another cluster, or one
/// that sends anything else first, is disconnected.</summary>
internal static class Handshake
{
    public static byte[] Write(string clusterId, SiloAddress? silo, string? clientId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("cluster", clusterId);
            if (silo is not null)
            {
                writer.WriteString("silo", silo.ToString());
            }

            if (clientId is not null)
            {
                writer.WriteString("client", clientId);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static (string? Cluster, PeerInfo? Peer) Read(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var cluster = root.TryGetProperty("cluster", out var c) ? c.GetString() : null;
            if (root.TryGetProperty("silo", out var s) && s.GetString() is { } silo)
            {
                return (cluster, new PeerInfo(SiloAddress.Parse(silo), null));
            }

            if (root.TryGetProperty("client", out var cl) && cl.GetString() is { Length: > 0 } client)
            {
                return (cluster, new PeerInfo(null, client));
            }

            return (cluster, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return (null, null);
        }
    }
}
