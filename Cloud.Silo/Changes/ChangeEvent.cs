namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>One change in the cluster-wide change feed.</summary>
public sealed record ChangeEvent(long Id, string Kind, string Key, string? Node, string Operation, long ResourceVersion, DateTimeOffset At);
