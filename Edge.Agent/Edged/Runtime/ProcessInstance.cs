using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// One run of a workload as a child process, leader of its own session and process group. Pumps stdout and stderr
/// into the workload's rotating log, and when the main process exits ends the rest of the run as a container's end
/// would (SIGKILL to what is left; during a stop, only once the grace period is over), drains the pipes, closes the
/// log and deletes the run record. <see cref="Exited"/> completes after all of that, and never faults.
/// </summary>
internal sealed partial class ProcessInstance : IWorkloadInstance
{
    private readonly Process _process;
    private readonly RotatingLogWriter _log;
    private readonly string? _runRecordPath;
    private readonly ProcessRuntimeOptions _options;
    private readonly ProcessTableCache _table;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _drain = new();
    private readonly TaskCompletionSource _mainExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _stopDeadlineTicks;
    private int _writeFailures;

    public ProcessInstance(
        WorkloadKey key, Process process, ulong startTicks, DateTimeOffset startedAt, RotatingLogWriter log, string? runRecordPath,
        ProcessRuntimeOptions options, ProcessTableCache table, TimeProvider time, ILogger logger)
    {
        Key = key;
        Pid = process.Id;
        StartTicks = startTicks;
        StartedAt = startedAt;
        _process = process;
        _log = log;
        _runRecordPath = runRecordPath;
        _options = options;
        _table = table;
        _time = time;
        _logger = logger;
        Exited = WatchAsync();
    }

    /// <inheritdoc />
    public WorkloadKey Key { get; }

    /// <inheritdoc />
    public int Pid { get; }

    /// <summary>Start ticks of the main process (0 if it ended before they were read).</summary>
    public ulong StartTicks { get; }

    /// <inheritdoc />
    public DateTimeOffset StartedAt { get; }

    /// <inheritdoc />
    public Task<WorkloadExit> Exited { get; }

    /// <summary>Completes when the main process has exited (the rest of the run may still be ending).</summary>
    public Task MainExited => _mainExited.Task;

    /// <summary>A stop began: processes left after the main one exits get until now + <paramref name="gracePeriod"/>.</summary>
    public void BeginStop(TimeSpan gracePeriod) =>
        Interlocked.CompareExchange(ref _stopDeadlineTicks, (_time.GetUtcNow() + gracePeriod).UtcTicks, 0);

    private async Task<WorkloadExit> WatchAsync()
    {
        var stdout = PumpAsync(_process.StandardOutput.BaseStream, CriLogFormat.Stdout);
        var stderr = PumpAsync(_process.StandardError.BaseStream, CriLogFormat.Stderr);
        int exitCode;
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            exitCode = _process.ExitCode;
        }
        catch (Exception ex)
        {
            LogWatchFailed(ex, Key, Pid);
            exitCode = 255;
        }

        var finishedAt = _time.GetUtcNow();
        _mainExited.TrySetResult();
        try
        {
            await EndRestAsync().ConfigureAwait(false);
            var pumps = Task.WhenAll(stdout, stderr);
            if (await Task.WhenAny(pumps, Task.Delay(_options.OutputDrainTimeout, _time)).ConfigureAwait(false) != pumps)
            {
                // A process that escaped the run still holds a pipe open: stop reading; closing our end ends its writes.
                await _drain.CancelAsync().ConfigureAwait(false);
            }

            await pumps.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogWatchFailed(ex, Key, Pid);
        }
        finally
        {
            _log.Dispose();
            _process.Dispose();
            _drain.Dispose();
            DeleteRunRecord();
        }

        LogExited(Key, Pid, exitCode);
        return new WorkloadExit(exitCode, finishedAt);
    }

    private async Task EndRestAsync()
    {
        var deadline = Interlocked.Read(ref _stopDeadlineTicks);
        var left = deadline == 0 ? TimeSpan.Zero : new DateTimeOffset(deadline, TimeSpan.Zero) - _time.GetUtcNow();
        if (left > TimeSpan.Zero && await ProcessGroups.WaitGoneAsync(Pid, StartTicks, left, _table, _time, CancellationToken.None).ConfigureAwait(false))
        {
            return;
        }

        if (ProcessGroups.Signal(Pid, StartTicks, Libc.SigKill) > 0
            && !await ProcessGroups.WaitGoneAsync(Pid, StartTicks, _options.KillTimeout, _table, _time, CancellationToken.None).ConfigureAwait(false))
        {
            LogLeftBehind(Key, Pid, _options.KillTimeout);
        }
    }

    private async Task PumpAsync(Stream stream, string name)
    {
        await Task.Yield();
        var splitter = new LogLineSplitter(_options.MaxLogLineBytes);
        var buffer = new byte[4096];
        void Write(ReadOnlySpan<byte> content, bool partial)
        {
            try
            {
                _log.Write(name, content, partial);
            }
            catch (IOException ex)
            {
                // Disk full or gone: keep reading (a workload blocked on a full pipe would hang), say so once.
                if (Interlocked.Increment(ref _writeFailures) == 1)
                {
                    LogWriteFailed(ex, Key);
                }
            }
        }

        LogLineHandler write = Write;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, _drain.Token).ConfigureAwait(false)) > 0)
            {
                splitter.Feed(buffer.AsSpan(0, read), write);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }

        splitter.Flush(write);
    }

    private void DeleteRunRecord()
    {
        if (_runRecordPath is null)
        {
            return;
        }

        try
        {
            File.Delete(_runRecordPath);
        }
        catch (IOException ex)
        {
            LogWatchFailed(ex, Key, Pid);
        }
    }

    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Workload {Key}: process {Pid} exited with code {ExitCode}")]
    private partial void LogExited(WorkloadKey key, int pid, int exitCode);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Warning, Message = "Workload {Key}: processes of run {Pid} are still alive {Timeout} after SIGKILL")]
    private partial void LogLeftBehind(WorkloadKey key, int pid, TimeSpan timeout);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Warning, Message = "Workload {Key}: writing its log failed; output is dropped until writing works again")]
    private partial void LogWriteFailed(Exception exception, WorkloadKey key);

    [LoggerMessage(EventId = 9013, Level = LogLevel.Error, Message = "Workload {Key}: watching process {Pid} failed")]
    private partial void LogWatchFailed(Exception exception, WorkloadKey key, int pid);
}
