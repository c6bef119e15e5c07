namespace EdgeHive.Edge.Agent.Mapper;

/// <summary>Settings of the simulated-device mapper (<c>--simulate &lt;n&gt;</c>).</summary>
public sealed class MapperOptions
{
    /// <summary>
    /// Most devices simulated; 0 disables the mapper (default). When the cloud is not reached within
    /// <see cref="OfflineGrace"/> and no device is bound to the node, this many synthetic devices (<c>default/sim-1</c>…)
    /// are bound locally so a demo without a cloud shows live data. With a cloud, the devices it binds are simulated.
    /// </summary>
    public int DeviceCount { get; set; }

    /// <summary>How long the mapper waits for the cloud link before it binds synthetic devices. Default 10 s.</summary>
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between readings of each device. Default 5 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the simulated readings (null: random), so tests can predict them.</summary>
    public int? Seed { get; set; }
}
