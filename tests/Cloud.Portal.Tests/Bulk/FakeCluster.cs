using System.Collections.Concurrent;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>
/// Devices and models in memory behind Orleans' grain factory (<see cref="Orleans"/>), for running imports without a
/// silo. Counts the
/// calls in flight and notices two calls on one grain at the same time, which an import must never make.
/// </summary>
internal sealed class FakeCluster
{
    private readonly ConcurrentDictionary<string, byte> _busy = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _overlaps;
    private global::Orleans.IGrainFactory? _orleans;

    public ConcurrentDictionary<string, Device> Devices { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DeviceModel> Models { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Workload> Workloads { get; } = new(StringComparer.Ordinal);

    /// <summary>Device keys whose writes fail validation, with the message.</summary>
    public ConcurrentDictionary<string, string> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>Awaited inside every write while it counts as in flight (device key given).</summary>
    public Func<string, Task> BeforeWrite { get; set; } = _ => Task.CompletedTask;

    /// <summary>Orleans' grain factory over this cluster.</summary>
    public global::Orleans.IGrainFactory Orleans => _orleans ??= FakeOrleansGrains.Create(this);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Calls that started while another call on the same grain was running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>Runs one grain call on <paramref name="grain"/>, as a real call would: asynchronously, counted.</summary>
    public async Task<T> CallAsync<T>(string grain, Func<Task> before, Func<T> body)
    {
        if (!_busy.TryAdd(grain, 0))
        {
            Interlocked.Increment(ref _overlaps);
        }

        var now = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max; max = MaxInFlight)
        {
        }

        try
        {
            await Task.Yield();
            await before();
            return body();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _busy.TryRemove(grain, out _);
        }
    }
}
