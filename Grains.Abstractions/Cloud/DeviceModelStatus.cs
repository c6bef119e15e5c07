namespace EdgeHive.Grains.Cloud;

/// <summary>What the cloud maintains about a device model.</summary>
/// <param name="DeviceCount">How many devices use the model; a model in use cannot be deleted.</param>
public sealed record DeviceModelStatus(int DeviceCount);
