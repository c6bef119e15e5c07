namespace EdgeHive.Grains.Runtime.Tests.Cluster;

/// <summary>
/// The database outage tests run alone, after the parallel ones: each holds an outage for seconds while three silos
/// retry every second, which on a 2-core machine starves the deadline-sensitive tests running next to them (a call
/// cycle then ran into a plain timeout before its cycle was reported).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseOutageCollection
{
    public const string Name = "Database outage";
}
