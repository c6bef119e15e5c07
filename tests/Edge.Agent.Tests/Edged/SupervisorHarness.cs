using System.Collections.Concurrent;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Runtime;
using EdgeHive.Edge.Agent.Edged.Supervision;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Edge.Agent.Tests.Edged;

/// <summary>A running <see cref="WorkloadSupervisor"/> over a real <see cref="ProcessRuntime"/>, with a recording sink.</summary>
internal sealed class SupervisorHarness : IWorkloadStatusSink, IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public SupervisorHarness(WorkloadsDirectory dir, Action<SupervisorOptions>? configure = null)
    {
        var options = new SupervisorOptions
        {
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(1),
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        Runtime = new ProcessRuntime(dir.Options(), TimeProvider.System, NullLogger<ProcessRuntime>.Instance);
        Supervisor = new WorkloadSupervisor(Runtime, options, TimeProvider.System, NullLogger<WorkloadSupervisor>.Instance, this);
        _run = Supervisor.RunAsync(_stop.Token);
    }

    public ProcessRuntime Runtime { get; }

    public WorkloadSupervisor Supervisor { get; }

    /// <summary>Every status the sink was given, in order.</summary>
    public ConcurrentQueue<WorkloadStatus> History { get; } = new();

    public ConcurrentQueue<WorkloadKey> Removed { get; } = new();

    void IWorkloadStatusSink.StatusChanged(WorkloadStatus status) => History.Enqueue(status);

    void IWorkloadStatusSink.Removed(WorkloadKey key) => Removed.Enqueue(key);

    /// <summary>Waits until the workload's status satisfies <paramref name="condition"/>, and returns that status.</summary>
    public async Task<WorkloadStatus> WaitForAsync(WorkloadKey key, Func<WorkloadStatus, bool> condition, string what)
    {
        WorkloadStatus? seen = null;
        try
        {
            await Eventually.TrueAsync(() => (seen = Supervisor.GetStatus(key)) is { } s && condition(s), Deadline, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; last status: {seen}", ex);
        }

        return seen!;
    }

    public Task<WorkloadStatus> WaitForPhaseAsync(WorkloadKey key, WorkloadPhase phase) =>
        WaitForAsync(key, s => s.Phase == phase, $"{key} is {phase}");

    /// <summary>Stops the supervisor as an agent shutdown does: every workload is stopped before this returns.</summary>
    public async Task ShutdownAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Deadline);
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        _stop.Dispose();
    }
}
