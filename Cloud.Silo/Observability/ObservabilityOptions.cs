namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>Observability settings (configuration section <c>Observability</c>).</summary>
public sealed class ObservabilityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Observability";

    /// <summary>How often each silo stores its statistics for the cluster page. Default 10 s.</summary>
    public TimeSpan SiloStatsInterval { get; set; } = TimeSpan.FromSeconds(10);
}
