namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>Values of <see cref="ChangeEvent.Kind"/>.</summary>
public static class ChangeKinds
{
    /// <summary>An edge node.</summary>
    public const string Node = "node";

    /// <summary>A device.</summary>
    public const string Device = "device";

    /// <summary>A device model.</summary>
    public const string DeviceModel = "devicemodel";

    /// <summary>A workload.</summary>
    public const string Workload = "workload";

    /// <summary>An object-sync record (node × object delivery bookkeeping).</summary>
    public const string ObjectSync = "objectsync";

    /// <summary>A node's credential (key: the node name): <c>deleted</c> when revoked (also when the node is deleted),
    /// <c>updated</c> when an admin issued a new one. Every silo's edge gateway closes the node's connections that
    /// authenticated before the change with 4401.</summary>
    public const string Credential = "credential";

    /// <summary>A node's session (attach, detach).</summary>
    public const string Session = "session";
}
