namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>Size limits of device twins, in the style of Azure IoT Hub. Bound from configuration section
/// <c>Twin</c>.</summary>
internal sealed class TwinLimits
{
    /// <summary>Longest accepted value string, in characters. Default 4096 (Azure IoT Hub's limit for string values;
    /// KubeEdge's own MQTT API stops at 512, which is too short for base64 byte values).</summary>
    public int MaxValueLength { get; set; } = 4096;

    /// <summary>Largest desired (or reported) twin document, in UTF-8 bytes of its JSON form
    /// <c>{"property":"value",...}</c>. Default 32 KiB, Azure IoT Hub's limit per twin section.</summary>
    public int MaxDocumentBytes { get; set; } = 32 * 1024;

    /// <summary>The defaults.</summary>
    public static TwinLimits Default { get; } = new();
}
