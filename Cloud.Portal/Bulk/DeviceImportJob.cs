namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// One running or finished import. The runner records progress here; the result page and the progress stream read
/// <see cref="Status"/> and wait on <see cref="WhenChangedAsync"/>, so nobody polls. Rows are written several at a
/// time, so outcomes arrive out of order from several threads: each goes into its row's slot in the plan, and readers
/// always see them in file order.
/// </summary>
internal sealed class DeviceImportJob(string id, string fileName, string user, DateTimeOffset startedAt)
{
    private readonly Lock _lock = new();
    private DeviceImportOutcome?[] _outcomes = [];
    private int _done;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DeviceImportPhase _phase = DeviceImportPhase.Validating;
    private int _total;
    private string? _error;

    public string Id { get; } = id;

    public string FileName { get; } = fileName;

    public string User { get; } = user;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DeviceImportStatus Status
    {
        get
        {
            lock (_lock)
            {
                var outcomes = new List<DeviceImportOutcome>(_done);
                foreach (var outcome in _outcomes)
                {
                    if (outcome is not null)
                    {
                        outcomes.Add(outcome);
                    }
                }

                return new DeviceImportStatus(_phase, _done, _total, _error, outcomes);
            }
        }
    }

    /// <summary>Completes at the next change (at once if the job is over).</summary>
    public Task WhenChangedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _phase is DeviceImportPhase.Finished or DeviceImportPhase.Failed
                ? Task.CompletedTask
                : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Validation is over: <paramref name="total"/> steps, in file order, are about to be applied.</summary>
    public void Start(int total) => Update(() =>
    {
        _total = total;
        _outcomes = new DeviceImportOutcome?[total];
        _phase = DeviceImportPhase.Applying;
    });

    /// <summary>Records the outcome of the step at <paramref name="index"/> of the plan (its place in file order).
    /// Safe to call from several threads; each step is recorded once.</summary>
    public void Record(int index, DeviceImportOutcome outcome) => Update(() =>
    {
        if (_outcomes[index] is not null)
        {
            throw new InvalidOperationException($"Step {index} (line {outcome.Line}) is already recorded.");
        }

        _outcomes[index] = outcome;
        _done++;
    });

    public void Finish() => Update(() =>
    {
        _phase = DeviceImportPhase.Finished;
    });

    public void Fail(string error) => Update(() =>
    {
        _error = error;
        _phase = DeviceImportPhase.Failed;
    });

    private void Update(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
