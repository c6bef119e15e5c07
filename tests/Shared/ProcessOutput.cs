using System.Diagnostics;
using System.Text;

namespace EdgeHive.Testing;

/// <summary>
/// What a test's child processes write to stdout and stderr, kept for failure messages. Reading both pipes also keeps
/// a chatty process from blocking on a full pipe. One instance may follow several processes in turn (a process that
/// is restarted); with <c>keepLast</c> only about that many of the newest characters are kept.
/// </summary>
public sealed class ProcessOutput(int? keepLast = null)
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts reading both output streams of <paramref name="process"/> (started with them redirected).</summary>
    public void Follow(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What was written so far.</summary>
    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
            if (keepLast is { } keep && _text.Length > keep + (keep / 4))
            {
                _text.Remove(0, _text.Length - keep);
            }
        }
    }
}
