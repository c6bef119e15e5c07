namespace EdgeHive.Edge.Agent.Edged;

/// <summary>Operations the Edged module answers on the bus.</summary>
public static class EdgedOperations
{
    /// <summary>From MetaManager, after the spec is committed: run this <see cref="WorkloadSpec"/> (content).</summary>
    public const string Apply = "workload/apply";

    /// <summary>From MetaManager, after the removal is committed: stop and forget the <see cref="WorkloadKey"/> (content).</summary>
    public const string Remove = "workload/remove";

    /// <summary>
    /// From EdgeHub (the bus message takes the cloud request's id): content = a <see cref="Protocol.WorkloadLogsRequest"/>,
    /// answered with a <see cref="Protocol.WorkloadLogsResponse"/>.
    /// </summary>
    public const string Logs = "workload/logs";
}
