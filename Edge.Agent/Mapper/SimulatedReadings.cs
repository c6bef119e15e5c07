using System.Globalization;

namespace EdgeHive.Edge.Agent.Mapper;

/// <summary>
/// Plausible, changing sensor values for simulated devices: a bounded random walk per device and property
/// (temperature 15–30 °C, humidity 20–80 %), and the desired values devices were told to take. Pure apart from the
/// injected random source; not thread-safe (the mapper uses it from one loop).
/// </summary>
public sealed class SimulatedReadings(Random random)
{
    private readonly Dictionary<(string Device, string Property), double> _walk = [];
    private readonly Dictionary<string, Dictionary<string, string>> _desired = new(StringComparer.Ordinal);

    /// <summary>The simulated properties with their range.</summary>
    public static IReadOnlyDictionary<string, (double Min, double Max, double Step)> Sensors { get; } = new Dictionary<string, (double, double, double)>
    {
        ["temperature"] = (15, 30, 0.5),
        ["humidity"] = (20, 80, 2),
    };

    /// <summary>Remembers desired values the device was asked to apply (from <c>twin/update/delta</c>).</summary>
    public void Apply(string deviceId, IReadOnlyDictionary<string, string> desired)
    {
        if (!_desired.TryGetValue(deviceId, out var values))
        {
            _desired[deviceId] = values = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        foreach (var (name, value) in desired)
        {
            values[name] = value;
        }
    }

    /// <summary>The applied desired values of a device.</summary>
    public IReadOnlyDictionary<string, string> Desired(string deviceId) =>
        _desired.TryGetValue(deviceId, out var values) ? values : new Dictionary<string, string>();

    /// <summary>The next reading of every sensor of <paramref name="deviceId"/> plus its applied desired values.</summary>
    public Dictionary<string, string> Next(string deviceId)
    {
        var reading = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, (min, max, step)) in Sensors)
        {
            var key = (deviceId, name);
            var current = _walk.TryGetValue(key, out var v) ? v : min + ((max - min) * random.NextDouble());
            var next = Math.Clamp(current + (((random.NextDouble() * 2) - 1) * step), min, max);
            _walk[key] = next;
            reading[name] = next.ToString("0.0", CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in Desired(deviceId))
        {
            reading[name] = value;
        }

        return reading;
    }
}
