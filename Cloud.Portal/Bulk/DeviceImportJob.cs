namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// One running or finished import. The runner records progress here; the result page and the progress stream read
/// <see cref="Status"/> and wait on <see cref="WhenChangedAsync"/>, so nobody polls.
/// </summary>
internal sealed class DeviceImportJob(string id, string fileName, string user, DateTimeOffset startedAt)
{
    private readonly Lock _lock = new();
    private readonly List<DeviceImportOutcome> _outcomes = [];
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
                return new DeviceImportStatus(_phase, _outcomes.Count, _total, _error, _outcomes.ToArray());
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

    public void Start(int total) => Update(() =>
    {
        _total = total;
        _phase = DeviceImportPhase.Applying;
    });

    public void Record(DeviceImportOutcome outcome) => Update(() => _outcomes.Add(outcome));

    public void Finish() => Update(() =>
    {
        _outcomes.Sort((a, b) => a.Line.CompareTo(b.Line));
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
