namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>The one change a bulk edit makes to every device of a filter.</summary>
internal enum DeviceBulkEditKind
{
    /// <summary>Add labels, replacing the value of keys the device already has.</summary>
    SetLabels,

    /// <summary>Remove label keys; keys a device does not have are ignored.</summary>
    RemoveLabels,

    /// <summary>Bind to a node, or unbind (no node).</summary>
    Move,

    /// <summary>Delete the devices.</summary>
    Delete,
}
