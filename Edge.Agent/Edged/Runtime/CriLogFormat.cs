using System.Globalization;
using System.Text;

namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// The line format of workload log files, Kubernetes' CRI log format, so tools that read kubelet's
/// <c>/var/log/pods</c> read these too: <c>{RFC 3339 UTC time} {stdout|stderr} {F|P} {content}\n</c>, where <c>P</c>
/// marks a piece of a line longer than the line limit and <c>F</c> its last (or only) piece.
/// </summary>
internal static class CriLogFormat
{
    /// <summary>Bytes before the content: 28 of time, the stream name (6), a tag and three spaces.</summary>
    public const int HeaderLength = 28 + 1 + 6 + 1 + 1 + 1;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Standard output's name in the file.</summary>
    public const string Stdout = "stdout";

    /// <summary>Standard error's name in the file.</summary>
    public const string Stderr = "stderr";

    /// <summary>Writes one record (header, content, newline) into <paramref name="destination"/>; returns its length.</summary>
    public static int Write(Span<byte> destination, DateTimeOffset time, string stream, bool partial, ReadOnlySpan<byte> content)
    {
        var header = string.Create(CultureInfo.InvariantCulture, $"{time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)} {stream} {(partial ? 'P' : 'F')} ");
        var length = Encoding.ASCII.GetBytes(header, destination);
        content.CopyTo(destination[length..]);
        length += content.Length;
        destination[length++] = (byte)'\n';
        return length;
    }

    /// <summary>Parses one record without its newline; false for anything else (a torn write, a foreign line).</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out DateTimeOffset time, out string stream, out bool partial, out ReadOnlySpan<byte> content)
    {
        time = default;
        stream = "";
        partial = false;
        content = default;
        if (line.Length < HeaderLength || line[28] != ' ' || line[35] != ' ' || line[37] != ' ')
        {
            return false;
        }

        Span<char> text = stackalloc char[28];
        if (Encoding.ASCII.GetChars(line[..28], text) != 28
            || !DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return false;
        }

        var name = line[29..35];
        if (name.SequenceEqual("stdout"u8))
        {
            stream = Stdout;
        }
        else if (name.SequenceEqual("stderr"u8))
        {
            stream = Stderr;
        }
        else
        {
            return false;
        }

        if (line[36] is not ((byte)'F' or (byte)'P'))
        {
            return false;
        }

        partial = line[36] == (byte)'P';
        content = line[HeaderLength..];
        return true;
    }
}
