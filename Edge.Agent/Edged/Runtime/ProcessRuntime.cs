using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using EdgeHive.Edge.Agent.Edged.Serialization;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// Runs workloads as child processes of the agent. Each run starts through <c>setsid</c>, so its main process leads a
/// session and process group of its own and the whole run can be signalled and found again; it gets a minimal
/// environment (not the agent's), stdin at end of file, and its stdout and stderr go to size-capped rotating log files
/// in CRI format. A run record beside the logs lets the next agent process end a run this one left behind.
/// </summary>
public sealed partial class ProcessRuntime : IWorkloadRuntime
{
    private readonly ProcessRuntimeOptions _options;
    private readonly ExecutableResolver _resolver;
    private readonly TimeProvider _time;
    private readonly ILogger<ProcessRuntime> _logger;
    private readonly Lazy<string> _bootId = new(ProcessTable.BootId);
    private readonly ProcessTableCache _table;

    /// <summary>Creates the runtime; throws when <paramref name="options"/> are invalid (see <see cref="ProcessRuntimeOptions.Validate"/>).</summary>
    public ProcessRuntime(ProcessRuntimeOptions options, TimeProvider time, ILogger<ProcessRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _resolver = new ExecutableResolver(options.WorkloadsDirectory);
        _time = time;
        _logger = logger;
        _table = new ProcessTableCache(time, TimeSpan.FromMilliseconds(10));
    }

    /// <summary>Real path of the workloads directory; null when this node runs no workloads.</summary>
    public string? WorkloadsDirectory => _resolver.Root;

    /// <inheritdoc />
    public Task<WorkloadStart> StartAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = WorkloadSpecRules.Validate(spec);
        if (errors.Count > 0)
        {
            return Task.FromResult(Refuse(spec.Key, WorkloadStart.Refused(WorkloadReasons.InvalidSpec, string.Join("; ", errors))));
        }

        var resolution = _resolver.Resolve(spec.Process);
        if (!resolution.IsAllowed)
        {
            var refusal = resolution.Retryable
                ? WorkloadStart.Failed(resolution.Reason!, resolution.Message!)
                : WorkloadStart.Refused(resolution.Reason!, resolution.Message!);
            return Task.FromResult(Refuse(spec.Key, refusal));
        }

        return Task.FromResult(Start(spec, resolution.Executable!, resolution.WorkingDirectory!));
    }

    /// <inheritdoc />
    public async Task<WorkloadExit> StopAsync(IWorkloadInstance instance, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (instance is not ProcessInstance run)
        {
            throw new ArgumentException("Not a run of this runtime.", nameof(instance));
        }

        if (!run.Exited.IsCompleted)
        {
            run.BeginStop(gracePeriod);
            if (gracePeriod > TimeSpan.Zero && ProcessGroups.Signal(run.Pid, run.StartTicks, Libc.SigTerm) > 0)
            {
                LogStopping(run.Key, run.Pid, gracePeriod);
                await Task.WhenAny(run.MainExited, Task.Delay(gracePeriod, _time, cancellationToken)).ConfigureAwait(false);
            }

            if (!run.MainExited.IsCompleted)
            {
                LogKilling(run.Key, run.Pid);
                ProcessGroups.Signal(run.Pid, run.StartTicks, Libc.SigKill);
            }
        }

        return await run.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkloadLogLine>> ReadLogsAsync(WorkloadKey key, int tail, CancellationToken cancellationToken)
    {
        var directory = DirectoryOf(key);
        if (tail <= 0 || !Directory.Exists(directory))
        {
            return Task.FromResult<IReadOnlyList<WorkloadLogLine>>([]);
        }

        return LogTail.ReadAsync(directory, _options.MaxLogFiles, Math.Min(tail, _options.MaxLogTailLines), _options.MaxLogTailBytes, cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveAsync(WorkloadKey key, CancellationToken cancellationToken)
    {
        try
        {
            Directory.Delete(DirectoryOf(key), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<int> EndLeftoversAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_options.StateDirectory))
        {
            return 0;
        }

        var endings = new List<Task<bool>>();
        foreach (var directory in Directory.EnumerateDirectories(_options.StateDirectory))
        {
            var path = Path.Join(directory, RunRecord.FileName);
            if (File.Exists(path))
            {
                endings.Add(EndLeftoverAsync(path, cancellationToken));
            }
        }

        var ended = await Task.WhenAll(endings).ConfigureAwait(false);
        return ended.Count(e => e);
    }

    private WorkloadStart Start(WorkloadSpec spec, string executable, string workingDirectory)
    {
        var key = spec.Key;
        var directory = DirectoryOf(key);
        RotatingLogWriter log;
        try
        {
            log = new RotatingLogWriter(directory, _options.MaxLogFileBytes, _options.MaxLogFiles, _time);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Refuse(key, WorkloadStart.Failed(WorkloadReasons.StartFailed, $"cannot open the log file in {directory}: {ex.Message}"));
        }

        var info = new ProcessStartInfo(_options.SetsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(executable);
        foreach (var arg in spec.Process.Args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = _options.DefaultPath;
        info.Environment["EDGEHIVE_WORKLOAD_NAMESPACE"] = spec.Namespace;
        info.Environment["EDGEHIVE_WORKLOAD_NAME"] = spec.Name;
        foreach (var (name, value) in spec.Process.Env)
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process was started");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            log.Dispose();
            return Refuse(key, WorkloadStart.Failed(WorkloadReasons.StartFailed, $"cannot start '{executable}': {ex.Message}"));
        }

        var startedAt = _time.GetUtcNow();
        process.StandardInput.Close();
        var startTicks = ProcessTable.TryRead(process.Id, out var entry) ? entry.StartTicks : 0;
        var recordPath = startTicks == 0 ? null : WriteRunRecord(directory, new RunRecord(process.Id, startTicks, _bootId.Value, spec.StopGracePeriodSeconds));
        LogStarted(key, process.Id, executable);
        return WorkloadStart.Started(new ProcessInstance(key, process, startTicks, startedAt, log, recordPath, _options, _table, _time, _logger));
    }

    private string? WriteRunRecord(string directory, RunRecord record)
    {
        var path = Path.Join(directory, RunRecord.FileName);
        var temporary = path + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(record, EdgedJsonContext.Default.RunRecord));
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch (IOException ex)
        {
            // The run goes on; only an agent crash before it ends would leave it unnoticed.
            LogRunRecordFailed(ex, record.Pid);
            return null;
        }
    }

    private async Task<bool> EndLeftoverAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var record = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), EdgedJsonContext.Default.RunRecord);
            if (record is null || record.BootId != _bootId.Value || record.Pid <= 1 || !ProcessGroups.AnyAlive(ProcessTable.Snapshot(), record.Pid, record.StartTicks))
            {
                return false;
            }

            LogEndingLeftover(record.Pid, Path.GetFileName(Path.GetDirectoryName(path))!);
            var grace = TimeSpan.FromSeconds(Math.Clamp(record.StopGracePeriodSeconds, 0, WorkloadSpecRules.MaxStopGracePeriodSeconds));
            if (!await ProcessGroups.TerminateAsync(record.Pid, record.StartTicks, grace, _options.KillTimeout, _table, _time, cancellationToken).ConfigureAwait(false))
            {
                LogLeftoverSurvived(record.Pid);
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            LogRunRecordFailed(ex, 0);
            return false;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private WorkloadStart Refuse(WorkloadKey key, WorkloadStart start)
    {
        LogNotStarted(key, start.Reason!, start.Message!);
        return start;
    }

    private string DirectoryOf(WorkloadKey key) => Path.Join(_options.StateDirectory, key.DirectoryName);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Workload {Key}: started {Executable} as process {Pid}")]
    private partial void LogStarted(WorkloadKey key, int pid, string executable);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Workload {Key} not started ({Reason}): {Message}")]
    private partial void LogNotStarted(WorkloadKey key, string reason, string message);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Workload {Key}: SIGTERM to run {Pid}, SIGKILL after {GracePeriod}")]
    private partial void LogStopping(WorkloadKey key, int pid, TimeSpan gracePeriod);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Workload {Key}: SIGKILL to run {Pid}")]
    private partial void LogKilling(WorkloadKey key, int pid);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning, Message = "Ending run {Pid} of workload {Directory}, left running by an earlier agent process")]
    private partial void LogEndingLeftover(int pid, string directory);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Error, Message = "Run {Pid}, left by an earlier agent process, survived SIGKILL")]
    private partial void LogLeftoverSurvived(int pid);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Warning, Message = "Run record of process {Pid} could not be written or read")]
    private partial void LogRunRecordFailed(Exception exception, int pid);
}
