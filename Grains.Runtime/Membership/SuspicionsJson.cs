using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// The <c>suspect_times</c> column: a JSON array of <c>{"voter": "host:port@generation", "time": "ISO-8601"}</c>.
/// Text rather than a child table because votes are only ever read and replaced together with their row.
/// </summary>
internal static class SuspicionsJson
{
    /// <summary>Renders the votes; an empty list is <c>[]</c>.</summary>
    public static string Write(IReadOnlyList<SuspectVote> votes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var vote in votes)
            {
                writer.WriteStartObject();
                writer.WriteString("voter", vote.Voter.ToString());
                writer.WriteString("time", vote.Time.ToUniversalTime());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses what <see cref="Write"/> produced.</summary>
    public static IReadOnlyList<SuspectVote> Read(string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var votes = new List<SuspectVote>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            votes.Add(new SuspectVote(
                SiloAddress.Parse(element.GetProperty("voter").GetString() ?? string.Empty),
                element.GetProperty("time").GetDateTimeOffset()));
        }

        return votes;
    }
}
