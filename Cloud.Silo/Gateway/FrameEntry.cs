using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>One envelope of a frame the codec refused only because of unknown kinds: either a readable message, or a
/// message of a kind this version does not know (answered with an error, the connection stays).</summary>
/// <param name="Message">The readable message, or null.</param>
/// <param name="UnknownId">Id of the unknown-kind message, when <paramref name="Message"/> is null.</param>
/// <param name="UnknownKind">Its kind.</param>
internal sealed record FrameEntry(EdgeMessage? Message, string? UnknownId, string? UnknownKind);
