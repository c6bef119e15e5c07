namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>A property (or whole request) the twin logic refused.</summary>
/// <param name="Property">Property name, or null when the whole request was refused.</param>
/// <param name="Code">HTTP-style code: 400 invalid, 404 unknown device, 409 stale version, 500 storage failure.</param>
/// <param name="Reason">Human-readable reason.</param>
public sealed record TwinRejection(string? Property, int Code, string Reason);
