using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeHive.Edge.Agent.Edged.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Edged.Supervision;

/// <summary>
/// Keeps the node's workloads as their specs ask (kubelet's pod workers, one loop for all): starts each one, restarts
/// it per its restart policy with an exponential back-off (<see cref="SupervisionRules"/>), replaces the process when
/// the spec changes (the old one stopped first), stops it when it is removed, and publishes every status change.
/// One loop owns all state; <see cref="Apply"/>, <see cref="Remove"/> and the runs' exits reach it as commands, and
/// the next due restart is its only timer. Stops run beside the loop, so a long grace period holds up no other workload.
/// </summary>
public sealed partial class WorkloadSupervisor
{
    private readonly IWorkloadRuntime _runtime;
    private readonly SupervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkloadSupervisor> _logger;
    private readonly IWorkloadStatusSink? _sink;
    private readonly Channel<Command> _commands = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<WorkloadKey, Entry> _entries = [];
    private readonly ConcurrentDictionary<WorkloadKey, WorkloadStatus> _statuses = new();
    private readonly List<Task> _stops = [];
    private long _runIds;

    /// <summary>Creates the supervisor; nothing runs before <see cref="RunAsync"/>.</summary>
    public WorkloadSupervisor(IWorkloadRuntime runtime, SupervisorOptions options, TimeProvider time, ILogger<WorkloadSupervisor> logger, IWorkloadStatusSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _runtime = runtime;
        _options = options;
        _time = time;
        _logger = logger;
        _sink = sink;
    }

    /// <summary>The current status of every workload, in no particular order.</summary>
    public IReadOnlyList<WorkloadStatus> Statuses => [.. _statuses.Values];

    /// <summary>Adds a workload or changes its spec. Asynchronous: the status shows the effect.</summary>
    public void Apply(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _commands.Writer.TryWrite(new ApplyCommand(spec));
    }

    /// <summary>Stops a workload and forgets it (and its logs). Asynchronous: <see cref="IWorkloadStatusSink.Removed"/> tells when done.</summary>
    public void Remove(WorkloadKey key) => _commands.Writer.TryWrite(new RemoveCommand(key));

    /// <summary>The status of <paramref name="key"/>; null when the supervisor does not know it.</summary>
    public WorkloadStatus? GetStatus(WorkloadKey key) => _statuses.GetValueOrDefault(key);

    /// <summary>The newest <paramref name="tail"/> output lines of <paramref name="key"/>; null when the workload is unknown.</summary>
    public async Task<IReadOnlyList<WorkloadLogLine>?> ReadLogsAsync(WorkloadKey key, int tail, CancellationToken cancellationToken) =>
        _statuses.ContainsKey(key) ? await _runtime.ReadLogsAsync(key, tail, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// Ends what an earlier agent process left running, then supervises until <paramref name="cancellationToken"/> is
    /// cancelled, and then stops every workload (grace periods cut to <see cref="SupervisorOptions.ShutdownGracePeriod"/>)
    /// before returning.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ended = await _runtime.EndLeftoversAsync(cancellationToken).ConfigureAwait(false);
            if (ended > 0)
            {
                LogLeftoversEnded(ended);
            }

            while (true)
            {
                while (_commands.Reader.TryRead(out var command))
                {
                    await HandleAsync(command).ConfigureAwait(false);
                }

                await StartDueAsync(cancellationToken).ConfigureAwait(false);
                await WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await ShutdownAsync().ConfigureAwait(false);
        }
    }

    private Task HandleAsync(Command command) => command switch
    {
        ApplyCommand apply => ApplyAsync(apply.Spec),
        RemoveCommand remove => RemoveAsync(remove.Key),
        ExitedCommand exited => ExitedAsync(exited),
        _ => Task.CompletedTask,
    };

    private Task ApplyAsync(WorkloadSpec spec)
    {
        var now = _time.GetUtcNow();
        if (!_entries.TryGetValue(spec.Key, out var entry))
        {
            entry = new Entry(spec);
            _entries[spec.Key] = entry;
            entry.StartAt = now;
            Publish(entry, Base(entry) with { Phase = WorkloadPhase.Pending });
            return Task.CompletedTask;
        }

        entry.Generation = spec.Generation;
        if (entry.Instance is not null)
        {
            if (entry.Stopping || SupervisionRules.NeedsRestart(entry.Spec, spec))
            {
                // Replace: the new spec starts once the current process has stopped (also when it was being removed).
                entry.Removing = false;
                entry.Next = spec;
                BeginStop(entry, "stopping the running process for a new spec");
            }
            else
            {
                entry.Spec = spec;
                Publish(entry, entry.Status! with { ObservedGeneration = spec.Generation });
            }

            return Task.CompletedTask;
        }

        var changed = !entry.Spec.Equals(spec with { Generation = entry.Spec.Generation });
        if (SupervisionRules.NeedsRestart(entry.Spec, spec) || (entry.Refused && changed))
        {
            Restart(entry, spec, now);
            return Task.CompletedTask;
        }

        // Same process: a new restart policy or grace period applies in place, and may change what happens next.
        entry.Spec = spec;
        var status = entry.Status! with { ObservedGeneration = spec.Generation };
        var ended = status.Phase is WorkloadPhase.Succeeded or WorkloadPhase.Failed;
        if (!entry.Refused && entry.Starts > 0 && ended && SupervisionRules.ShouldRestart(spec.RestartPolicy, entry.LastExitCode))
        {
            entry.StartAt = now;
            status = status with { Phase = WorkloadPhase.Pending, Reason = null, Message = null };
        }
        else if (entry.StartAt is not null && entry.Starts > 0 && !SupervisionRules.ShouldRestart(spec.RestartPolicy, entry.LastExitCode))
        {
            entry.StartAt = null;
            status = Ended(entry, status);
        }

        Publish(entry, status);
        return Task.CompletedTask;
    }

    private async Task RemoveAsync(WorkloadKey key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return;
        }

        if (entry.Instance is null)
        {
            await ForgetAsync(entry).ConfigureAwait(false);
            return;
        }

        entry.Removing = true;
        entry.Next = null;
        BeginStop(entry, "stopping: the workload was removed");
    }

    private async Task ExitedAsync(ExitedCommand exited)
    {
        if (!_entries.TryGetValue(exited.Key, out var entry) || entry.RunId != exited.RunId || entry.Instance is not { } instance)
        {
            return;
        }

        var exit = exited.Exit;
        entry.Instance = null;
        entry.Stopping = false;
        entry.LastExitCode = exit.ExitCode;
        var status = entry.Status! with { Pid = null, LastExitCode = exit.ExitCode, FinishedAt = exit.FinishedAt };
        if (entry.Removing)
        {
            await ForgetAsync(entry).ConfigureAwait(false);
            return;
        }

        if (entry.Next is { } next)
        {
            entry.Status = status;
            Restart(entry, next, _time.GetUtcNow());
            return;
        }

        var decision = SupervisionRules.OnExit(entry.Spec.RestartPolicy, exit.ExitCode, entry.ConsecutiveExits, exit.FinishedAt - instance.StartedAt, _options);
        LogRunEnded(entry.Spec.Key, instance.Pid, exit.ExitCode, decision.Phase, decision.RestartAfter);
        Decide(entry, status, decision, SupervisionRules.ExitReason(exit.ExitCode), SupervisionRules.DescribeExit(exit.ExitCode));
    }

    private async Task StartDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var entry in _entries.Values.Where(e => e.Instance is null && e.StartAt <= now).ToList())
        {
            await StartRunAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartRunAsync(Entry entry, CancellationToken cancellationToken)
    {
        entry.StartAt = null;
        var spec = entry.Spec;
        WorkloadStart start;
        try
        {
            start = await _runtime.StartAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            start = WorkloadStart.Failed(WorkloadReasons.StartFailed, ex.Message);
        }

        entry.Starts++;
        var status = Base(entry) with { Restarts = Math.Max(0, entry.Starts - 1) };
        if (start.Instance is { } instance)
        {
            entry.Instance = instance;
            entry.RunId = ++_runIds;
            entry.Watch = WatchAsync(spec.Key, entry.RunId, instance);
            Publish(entry, status with
            {
                Phase = WorkloadPhase.Running, Reason = null, Message = null, Pid = instance.Pid, StartedAt = instance.StartedAt, NextStartAt = null,
            });
            return;
        }

        entry.LastExitCode = null;
        entry.LastStartFailure = (start.Reason!, start.Message!);
        if (!start.Retryable)
        {
            entry.Refused = true;
            Publish(entry, status with { Phase = WorkloadPhase.Failed, Reason = start.Reason, Message = start.Message, Pid = null, NextStartAt = null });
            return;
        }

        var decision = SupervisionRules.OnExit(spec.RestartPolicy, null, entry.ConsecutiveExits, TimeSpan.Zero, _options);
        Decide(entry, status, decision, start.Reason!, start.Message!);
    }

    /// <summary>Applies an exit decision: the restart time, and the status that shows it.</summary>
    private void Decide(Entry entry, WorkloadStatus status, ExitDecision decision, string reason, string message)
    {
        var now = _time.GetUtcNow();
        entry.ConsecutiveExits = decision.ConsecutiveExits;
        entry.StartAt = decision.RestartAfter is { } delay ? now + delay : null;
        status = decision.Phase switch
        {
            WorkloadPhase.CrashLoopBackOff => status with
            {
                Phase = WorkloadPhase.CrashLoopBackOff,
                Reason = WorkloadReasons.CrashLoopBackOff,
                Message = $"back-off {decision.RestartAfter!.Value.TotalSeconds:0.###} s before starting again; last run: {message}",
                NextStartAt = entry.StartAt,
            },
            WorkloadPhase.Pending => status with { Phase = WorkloadPhase.Pending, Reason = reason, Message = $"starting again; last run: {message}", NextStartAt = null },
            _ => status with { Phase = decision.Phase, Reason = reason, Message = message, NextStartAt = null },
        };
        Publish(entry, status);
    }

    private void Restart(Entry entry, WorkloadSpec spec, DateTimeOffset now)
    {
        entry.Spec = spec;
        entry.Next = null;
        entry.Generation = spec.Generation;
        entry.Starts = 0;
        entry.ConsecutiveExits = 0;
        entry.Refused = false;
        entry.LastExitCode = null;
        entry.StartAt = now;
        Publish(entry, Base(entry) with { Phase = WorkloadPhase.Pending, Reason = null, Message = null, Restarts = 0, Pid = null, NextStartAt = null });
    }

    private void BeginStop(Entry entry, string why)
    {
        if (!entry.Stopping)
        {
            entry.Stopping = true;
            _stops.RemoveAll(t => t.IsCompleted);
            _stops.Add(StopAsync(entry.Instance!, entry.Spec.StopGracePeriod));
        }

        Publish(entry, Base(entry) with { Reason = WorkloadReasons.Stopping, Message = why });
    }

    private async Task StopAsync(IWorkloadInstance instance, TimeSpan gracePeriod)
    {
        try
        {
            await _runtime.StopAsync(instance, gracePeriod, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStopFailed(ex, instance.Key, instance.Pid);
        }
    }

    private async Task WatchAsync(WorkloadKey key, long runId, IWorkloadInstance instance)
    {
        WorkloadExit exit;
        try
        {
            exit = await instance.Exited.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStopFailed(ex, key, instance.Pid);
            exit = new WorkloadExit(255, _time.GetUtcNow());
        }

        _commands.Writer.TryWrite(new ExitedCommand(key, runId, exit));
    }

    private async Task ForgetAsync(Entry entry)
    {
        var key = entry.Spec.Key;
        _entries.Remove(key);
        _statuses.TryRemove(key, out _);
        try
        {
            await _runtime.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRemoveFailed(ex, key);
        }

        try
        {
            _sink?.Removed(key);
        }
        catch (Exception ex)
        {
            LogSinkFailed(ex, key);
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? due = null;
        foreach (var entry in _entries.Values)
        {
            if (entry.Instance is null && entry.StartAt is { } at && (due is null || at < due))
            {
                due = at;
            }
        }

        if (due is null)
        {
            await _commands.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var delay = due.Value - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var command = _commands.Reader.WaitToReadAsync(wake.Token).AsTask();
        var timer = Task.Delay(delay, _time, wake.Token);
        await Task.WhenAny(command, timer).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ShutdownAsync()
    {
        var stopping = new List<Task>(_stops);
        foreach (var entry in _entries.Values)
        {
            if (entry.Instance is { } instance)
            {
                var grace = entry.Spec.StopGracePeriod < _options.ShutdownGracePeriod ? entry.Spec.StopGracePeriod : _options.ShutdownGracePeriod;
                stopping.Add(StopAsync(instance, grace));
            }
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    private void Publish(Entry entry, WorkloadStatus status)
    {
        if (status == entry.Status)
        {
            return;
        }

        entry.Status = status;
        _statuses[entry.Spec.Key] = status;
        try
        {
            _sink?.StatusChanged(status);
        }
        catch (Exception ex)
        {
            LogSinkFailed(ex, entry.Spec.Key);
        }
    }

    private static WorkloadStatus Base(Entry entry) =>
        (entry.Status ?? new WorkloadStatus { Namespace = entry.Spec.Namespace, Name = entry.Spec.Name }) with { ObservedGeneration = entry.Generation };

    /// <summary>The status of a workload whose last run (or start) ends it for good.</summary>
    private static WorkloadStatus Ended(Entry entry, WorkloadStatus status) => status with
    {
        Phase = entry.LastExitCode == 0 ? WorkloadPhase.Succeeded : WorkloadPhase.Failed,
        Reason = entry.LastExitCode is { } code ? SupervisionRules.ExitReason(code) : entry.LastStartFailure.Reason,
        Message = entry.LastExitCode is { } c ? SupervisionRules.DescribeExit(c) : entry.LastStartFailure.Message,
        NextStartAt = null,
    };

    /// <summary>The loop's own record of one workload.</summary>
    private sealed class Entry(WorkloadSpec spec)
    {
        public WorkloadSpec Spec { get; set; } = spec;

        public long Generation { get; set; } = spec.Generation;

        public WorkloadSpec? Next { get; set; }

        public bool Removing { get; set; }

        public bool Stopping { get; set; }

        public IWorkloadInstance? Instance { get; set; }

        public long RunId { get; set; }

        public Task? Watch { get; set; }

        public int Starts { get; set; }

        public int ConsecutiveExits { get; set; }

        public int? LastExitCode { get; set; }

        public (string Reason, string Message) LastStartFailure { get; set; }

        public bool Refused { get; set; }

        public DateTimeOffset? StartAt { get; set; }

        public WorkloadStatus? Status { get; set; }
    }

    private abstract record Command;

    private sealed record ApplyCommand(WorkloadSpec Spec) : Command;

    private sealed record RemoveCommand(WorkloadKey Key) : Command;

    private sealed record ExitedCommand(WorkloadKey Key, long RunId, WorkloadExit Exit) : Command;
}
