namespace EdgeHive.Cloud.Clustering.Tests.Infrastructure;

/// <summary>Tests that run silos take turns: each starts several silos whose failure detection has deadlines, and two
/// such tests at once on a 2-core machine starve each other's probes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Orleans silos";
}
