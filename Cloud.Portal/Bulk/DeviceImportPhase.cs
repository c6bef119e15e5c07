namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>Where an import job is.</summary>
internal enum DeviceImportPhase
{
    /// <summary>Parsing the file and reading models and devices.</summary>
    Validating,

    /// <summary>Writing rows.</summary>
    Applying,

    /// <summary>Every row has an outcome.</summary>
    Finished,

    /// <summary>The file was refused as a whole, or the job stopped; see the error.</summary>
    Failed,
}
