using System.Text.Json;
using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.Messaging;

namespace EdgeHive.Grains.Runtime.Catalog;

/// <summary>
/// A grain timer. Each tick is queued as a turn on its activation like a request, and the next period is armed only
/// after the tick's callback completes, so ticks never pile up behind a slow callback.
/// </summary>
internal sealed class ActivationTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly TickRequest _request;
    private readonly CancellationTokenSource _cancellation = new();
    private ITimer? _timer;
    private int _disposed;

    public ActivationTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool interleave)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
        _request = new TickRequest(this, interleave);
    }

    public void Start() =>
        _timer = _activation.Runtime.TimeProvider.CreateTimer(static s => ((ActivationTimer)s!).OnDue(), this, _dueTime, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer?.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnDue()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var item = new TickItem(this) { Request = _request, Target = _activation.GrainId, Deadline = long.MaxValue };
        if (!_activation.TryEnqueue(item))
        {
            Dispose();
        }
    }

    private void Rearm()
    {
        if (Volatile.Read(ref _disposed) != 0 || _period <= TimeSpan.Zero || _period == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            _timer?.Change(_period, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: nothing to re-arm.
        }
    }

    private Task InvokeCallback()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return Task.CompletedTask;
        }

        return _callback(_cancellation.Token);
    }

    /// <summary>The tick, shaped as a request so it goes through the activation's turn rules.</summary>
    private sealed class TickRequest(ActivationTimer timer, bool interleave) : Request
    {
        public override string InterfaceName => "timer";

        public override int MethodId => 0;

        public override string MethodName => "Tick";

        public override RequestFlags Flags => interleave ? RequestFlags.AlwaysInterleave | RequestFlags.OneWay : RequestFlags.OneWay;

        public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options) =>
            throw new NotSupportedException("Timer ticks never leave their silo.");

        public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
            throw new NotSupportedException("Timer ticks never leave their silo.");

        public override Task Invoke(object target) => timer.InvokeCallback();
    }

    private sealed class TickItem(ActivationTimer timer) : CallItem
    {
        public override void Complete(Task completed)
        {
            if (completed.IsFaulted)
            {
                TimerLog.TickFailed(timer._activation.Runtime.Logger, timer._activation.GrainId, completed.Exception!.InnerException!);
            }

            timer.Rearm();
        }

        public override void Fail(Exception exception) => timer.Rearm();
    }
}
