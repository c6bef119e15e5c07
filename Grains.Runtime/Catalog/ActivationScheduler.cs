namespace EdgeHive.Grains.Runtime.Catalog;

/// <summary>
/// Runs the turns of one activation one at a time on the thread pool. Grain code awaits with this scheduler as
/// <see cref="TaskScheduler.Current"/>, so every continuation of every request of the activation comes back here and
/// no two pieces of grain code of one activation ever run in parallel, even for reentrant grains.
/// The queue is allocated on first use and dropped when drained: idle activations (the vast majority) carry no queue.
/// </summary>
internal sealed class ActivationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // A turn batch ends after this many tasks so one busy activation cannot hog a pool thread.
    private const int MaxTasksPerBatch = 256;

    [ThreadStatic]
    private static ActivationScheduler? t_running;

    private Queue<Task>? _queue;
    private bool _scheduled;

    /// <summary>True when the calling thread is executing a turn of this scheduler.</summary>
    public bool IsRunningOnThisThread => ReferenceEquals(t_running, this);

    /// <inheritdoc />
    public override int MaximumConcurrencyLevel => 1;

    /// <inheritdoc />
    public void Execute()
    {
        var previous = t_running;
        t_running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerBatch; i++)
            {
                Task? task;
                lock (this)
                {
                    if (_queue is null || !_queue.TryDequeue(out task))
                    {
                        _queue = null;
                        _scheduled = false;
                        return;
                    }
                }

                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = previous;
        }

        // Batch budget used up: yield the thread and continue later.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        bool schedule;
        lock (this)
        {
            (_queue ??= new Queue<Task>(4)).Enqueue(task);
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        // Inline only on our own turn thread: it is already ours, so serial execution still holds.
        !taskWasPreviouslyQueued && IsRunningOnThisThread && TryExecuteTask(task);

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (this)
        {
            return _queue?.ToArray() ?? [];
        }
    }
}
