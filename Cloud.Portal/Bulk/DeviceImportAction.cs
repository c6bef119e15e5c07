namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>What an import or bulk edit does with one row (one device), and afterwards what it did.</summary>
internal enum DeviceImportAction
{
    /// <summary>The device does not exist: create it.</summary>
    Create,

    /// <summary>The device exists and differs: replace its spec.</summary>
    Update,

    /// <summary>The device exists and already matches the row.</summary>
    Unchanged,

    /// <summary>The device exists: delete it (bulk edits only).</summary>
    Delete,

    /// <summary>The row is refused (or its write failed).</summary>
    Fail,
}
