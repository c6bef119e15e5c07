namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>Values of <see cref="ChangeEvent.Operation"/>.</summary>
public static class ChangeOperations
{
    /// <summary>The resource was created (or a node registered for the first time).</summary>
    public const string Created = "created";

    /// <summary>An operator or the cloud changed the resource.</summary>
    public const string Updated = "updated";

    /// <summary>The resource was deleted.</summary>
    public const string Deleted = "deleted";

    /// <summary>The edge reported twin values or acknowledged desired values.</summary>
    public const string Reported = "reported";

    /// <summary>The edge reported a device state.</summary>
    public const string State = "state";

    /// <summary>A node's or session's connection status changed.</summary>
    public const string Status = "status";
}
