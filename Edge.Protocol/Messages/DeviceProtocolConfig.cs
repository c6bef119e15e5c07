namespace EdgeHive.Edge.Protocol;

/// <summary>How a mapper reaches the device, for example <c>modbus</c> with its address settings.</summary>
public sealed record DeviceProtocolConfig
{
    /// <summary>Protocol name, for example <c>modbus</c>, <c>opcua</c>, <c>simulated</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Protocol-specific settings, passed to the mapper unchanged.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
