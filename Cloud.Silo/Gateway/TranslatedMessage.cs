using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>An edge message built from a downstream message, with what to do when the edge acknowledges it.</summary>
/// <param name="Message">The protocol message.</param>
/// <param name="Part">Its acknowledgement bookkeeping.</param>
internal sealed record TranslatedMessage(EdgeMessage Message, OutboundPart Part);
