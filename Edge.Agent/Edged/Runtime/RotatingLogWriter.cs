using System.Buffers;

namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// Appends a workload's output to <c>workload.log</c> in its directory and rotates by size: when a record would take
/// the file past <see cref="ProcessRuntimeOptions.MaxLogFileBytes"/>, <c>workload.log</c> becomes <c>workload.log.1</c>
/// (older ones move up, the oldest beyond <see cref="ProcessRuntimeOptions.MaxLogFiles"/> is deleted). So one workload
/// never holds more than their product on disk, whatever it writes. Thread-safe: stdout and stderr share one writer.
/// Each record is one <c>write(2)</c>, so a reader sees whole lines (or a torn last one it skips).
/// </summary>
internal sealed class RotatingLogWriter : IDisposable
{
    /// <summary>The current file's name.</summary>
    public const string FileName = "workload.log";

    private readonly string _directory;
    private readonly long _maxFileBytes;
    private readonly int _maxFiles;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private FileStream? _file;
    private long _size;

    public RotatingLogWriter(string directory, long maxFileBytes, int maxFiles, TimeProvider time)
    {
        _directory = directory;
        _maxFileBytes = maxFileBytes;
        _maxFiles = maxFiles;
        _time = time;
        Directory.CreateDirectory(directory);
        _file = Open();
        _size = _file.Length;
    }

    /// <summary>Path of the file with index <paramref name="index"/>: 0 is the current one, higher is older.</summary>
    public static string PathOf(string directory, int index) =>
        index == 0 ? Path.Join(directory, FileName) : Path.Join(directory, $"{FileName}.{index}");

    /// <summary>Appends one record; rotates first when it would not fit.</summary>
    public void Write(string stream, ReadOnlySpan<byte> content, bool partial)
    {
        var length = CriLogFormat.HeaderLength + content.Length + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = CriLogFormat.Write(buffer, _time.GetUtcNow(), stream, partial, content);
            lock (_gate)
            {
                if (_file is null)
                {
                    return;
                }

                if (_size > 0 && _size + written > _maxFileBytes)
                {
                    Rotate();
                }

                _file.Write(buffer, 0, written);
                _size += written;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private void Rotate()
    {
        _file!.Dispose();
        if (_maxFiles == 1)
        {
            File.Delete(PathOf(_directory, 0));
        }
        else
        {
            File.Delete(PathOf(_directory, _maxFiles - 1));
            for (var index = _maxFiles - 2; index >= 0; index--)
            {
                var from = PathOf(_directory, index);
                if (File.Exists(from))
                {
                    File.Move(from, PathOf(_directory, index + 1), overwrite: true);
                }
            }
        }

        _file = Open();
        _size = 0;
    }

    // Unbuffered (bufferSize 0): each record goes to the file at once, so a log request sees the latest line.
    private FileStream Open() =>
        new(PathOf(_directory, 0), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
}
