using System.Text;

namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// Reads the newest lines of a workload's log files, newest file first, until enough lines are found. Pieces of a
/// long line (<c>P</c> records) are joined with the record that completes them; lines that do not parse (a torn last
/// write) are skipped.
/// </summary>
internal static class LogTail
{
    /// <summary>
    /// The newest <paramref name="tail"/> lines in <paramref name="directory"/>, oldest first, at most
    /// <paramref name="maxBytes"/> of text (older lines are dropped first).
    /// </summary>
    public static async Task<IReadOnlyList<WorkloadLogLine>> ReadAsync(string directory, int maxFiles, int tail, int maxBytes, CancellationToken cancellationToken)
    {
        var newestFirst = new List<WorkloadLogLine>();
        var bytes = 0;
        for (var index = 0; index < maxFiles && newestFirst.Count < tail; index++)
        {
            byte[] content;
            try
            {
                var stream = new FileStream(RotatingLogWriter.PathOf(directory, index), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await using (stream.ConfigureAwait(false))
                {
                    content = new byte[stream.Length];
                    await stream.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or EndOfStreamException)
            {
                // Rotated or removed while we looked: what was read so far is the answer.
                continue;
            }

            var lines = Parse(content);
            for (var i = lines.Count - 1; i >= 0 && newestFirst.Count < tail; i--)
            {
                bytes += lines[i].Text.Length;
                if (bytes > maxBytes)
                {
                    newestFirst.Reverse();
                    return newestFirst;
                }

                newestFirst.Add(lines[i]);
            }
        }

        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>The lines of one file, oldest first.</summary>
    public static List<WorkloadLogLine> Parse(ReadOnlySpan<byte> file)
    {
        var lines = new List<WorkloadLogLine>();
        var pieces = new Dictionary<string, List<byte>>(2);
        foreach (var range in file.Split((byte)'\n'))
        {
            if (!CriLogFormat.TryParse(file[range], out var time, out var stream, out var partial, out var content))
            {
                continue;
            }

            if (partial)
            {
                if (!pieces.TryGetValue(stream, out var buffer))
                {
                    pieces[stream] = buffer = [];
                }

                buffer.AddRange(content);
                continue;
            }

            string text;
            if (pieces.Remove(stream, out var earlier))
            {
                earlier.AddRange(content);
                text = Encoding.UTF8.GetString(earlier.ToArray());
            }
            else
            {
                text = Encoding.UTF8.GetString(content);
            }

            lines.Add(new WorkloadLogLine(time, stream, text));
        }

        return lines;
    }
}
