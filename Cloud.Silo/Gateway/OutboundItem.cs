using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// One entry of a connection's outbound queue: a protocol message built by the gateway (ack, error, keepalive), or a
/// downstream message from the session grain, which the send loop translates — translation may look devices up, and
/// that must not happen inside <see cref="IEdgeSessionObserver.Deliver"/>, where the session grain (and the grain that
/// pushed) still wait for the call to return.
/// </summary>
internal readonly record struct OutboundItem(EdgeMessage? Message, DownstreamMessage? Downstream);
