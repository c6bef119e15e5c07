namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>The file formats of device import and export.</summary>
internal enum DeviceFileFormat
{
    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,

    /// <summary>A JSON array of device objects.</summary>
    Json,
}
