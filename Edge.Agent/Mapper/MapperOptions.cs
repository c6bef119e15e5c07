namespace EdgeHive.Edge.Agent.Mapper;

/// <summary>Settings of the simulated-device mapper (<c>--simulate &lt;n&gt;</c>).</summary>
public sealed class MapperOptions
{
    /// <summary>
    /// Most devices simulated; 0 disables the mapper (default). When no device is bound to the node at start, this
    /// many synthetic devices (<c>default/sim-1</c>…) are bound locally so a demo without a cloud shows live data.
    /// </summary>
    public int DeviceCount { get; set; }

    /// <summary>Time between readings of each device. Default 5 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the simulated readings (null: random), so tests can predict them.</summary>
    public int? Seed { get; set; }
}
