using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;
using OrleansGrainFactory = Orleans.IGrainFactory;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>What every connection of the silo shares: options, codec, grains, registry, clock, metrics, rate limits.</summary>
internal sealed class EdgeGatewayServices(
    EdgeGatewayOptions options,
    OrleansGrainFactory orleansGrains,
    UpstreamHandler upstream,
    EdgeConnectionRegistry registry,
    CloudMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers,
    UpstreamRateLimiter rateLimiter)
{
    public EdgeGatewayOptions Options { get; } = options;

    public EdgeMessageCodec Codec { get; } = new(options.Codec);

    /// <summary>Builds the cloud's messages (acks, errors, keepalives, welcome).</summary>
    public EdgeMessageFactory Factory { get; } = new(EdgeProtocolConstants.CloudSource, time);

    /// <summary>Orleans' grain factory, for the families that run on Orleans (devices, nodes).</summary>
    public OrleansGrainFactory OrleansGrains { get; } = orleansGrains;

    public UpstreamHandler Upstream { get; } = upstream;

    public EdgeConnectionRegistry Registry { get; } = registry;

    public CloudMetrics Metrics { get; } = metrics;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = loggers.CreateLogger("EdgeHive.Cloud.Silo.Gateway");

    /// <summary>The connections' upstream token buckets (protocol §8).</summary>
    public UpstreamRateLimiter RateLimiter { get; } = rateLimiter;
}
