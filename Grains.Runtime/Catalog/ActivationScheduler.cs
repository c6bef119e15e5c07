using System.Collections.Concurrent;

namespace EdgeHive.Grains.Runtime.Catalog;

/// <summary>
/// Runs the turns of one activation one at a time on the thread pool. Grain code awaits with this scheduler as
/// <see cref="TaskScheduler.Current"/>, so every continuation of every request of the activation comes back here and
/// no two pieces of grain code of one activation ever run in parallel, even for reentrant grains.
/// </summary>
internal sealed class ActivationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // A turn batch ends after this many tasks so one busy activation cannot hog a pool thread.
    private const int MaxTasksPerBatch = 256;

    [ThreadStatic]
    private static ActivationScheduler? t_running;

    private readonly ConcurrentQueue<Task> _queue = new();
    private int _scheduled;

    /// <summary>True when the calling thread is executing a turn of this scheduler.</summary>
    public bool IsRunningOnThisThread => ReferenceEquals(t_running, this);

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        // Inline only on our own turn thread: it is already ours, so serial execution still holds.
        !taskWasPreviouslyQueued && IsRunningOnThisThread && TryExecuteTask(task);

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    /// <inheritdoc />
    public override int MaximumConcurrencyLevel => 1;

    /// <inheritdoc />
    public void Execute()
    {
        var previous = t_running;
        t_running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerBatch && _queue.TryDequeue(out var task); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = previous;
        }

        Volatile.Write(ref _scheduled, 0);

        // Work queued after the loop ended but before the flag was cleared would otherwise be stranded.
        if (!_queue.IsEmpty && Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
