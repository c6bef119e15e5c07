namespace EdgeHive.Edge.Agent.Storage;

/// <summary>One row of <c>device_attr</c>: a static attribute of a device (KubeEdge's MsgAttr).</summary>
/// <param name="Name">Attribute name.</param>
/// <param name="Description">Free text, may be null.</param>
/// <param name="Value">Attribute value.</param>
/// <param name="Optional">KubeEdge's <c>optional</c> flag.</param>
/// <param name="Type">Value type, or null.</param>
/// <param name="Metadata">Opaque JSON metadata, or null.</param>
public sealed record DeviceAttribute(string Name, string? Description, string? Value, bool Optional, string? Type, string? Metadata);
