namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>Receives one line, or one piece of a line longer than the limit (<paramref name="partial"/> = more follows).</summary>
internal delegate void LogLineHandler(ReadOnlySpan<byte> content, bool partial);

/// <summary>
/// Cuts one output stream into lines as it arrives in arbitrary chunks. A line longer than the limit is passed on in
/// pieces of the limit, the last one marked complete, so a process that never writes a newline still cannot make the
/// agent buffer without bound. The buffer for an unfinished line grows only as far as lines need. Pure: no I/O.
/// </summary>
internal sealed class LogLineSplitter(int maxLineBytes)
{
    private byte[] _pending = new byte[Math.Min(256, maxLineBytes)];
    private int _count;

    /// <summary>Feeds a chunk; complete lines (and full pieces of long ones) go to <paramref name="handler"/>.</summary>
    public void Feed(ReadOnlySpan<byte> chunk, LogLineHandler handler)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var take = newline < 0 ? chunk.Length : newline;
            var room = maxLineBytes - _count;
            if (take > room)
            {
                // The line outgrows the limit: pass on a full piece and keep going.
                Append(chunk[..room]);
                handler(_pending.AsSpan(0, _count), partial: true);
                _count = 0;
                chunk = chunk[room..];
                continue;
            }

            if (newline < 0)
            {
                Append(chunk);
                return;
            }

            if (_count == 0)
            {
                handler(chunk[..newline], partial: false);
            }
            else
            {
                Append(chunk[..newline]);
                handler(_pending.AsSpan(0, _count), partial: false);
                _count = 0;
            }

            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>End of stream: a last line without a newline is passed on as complete.</summary>
    public void Flush(LogLineHandler handler)
    {
        if (_count > 0)
        {
            handler(_pending.AsSpan(0, _count), partial: false);
            _count = 0;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var needed = _count + bytes.Length;
        if (needed > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Min(maxLineBytes, Math.Max(needed, _pending.Length * 2)));
        }

        bytes.CopyTo(_pending.AsSpan(_count));
        _count = needed;
    }
}
