using EdgeHive.Cloud.Silo.Observability;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>One silo on the cluster page.</summary>
/// <param name="Address">The silo address (<c>host:port@generation</c>).</param>
/// <param name="Name">Its human-readable name.</param>
/// <param name="Status"><c>joining</c>, <c>active</c>, <c>shuttingdown</c> or <c>dead</c>.</param>
/// <param name="GatewayPort">Its client gateway port, or -1.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="IAmAliveTime">When it last wrote its liveness to the membership table.</param>
/// <param name="Self">True for the silo that answered.</param>
/// <param name="Stats">Its last stored statistics (live for <paramref name="Self"/>), or null.</param>
internal sealed record SiloView(
    string Address,
    string Name,
    string Status,
    int GatewayPort,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    bool Self,
    SiloStats? Stats);

/// <summary>The silo list.</summary>
internal sealed record SiloList(IReadOnlyList<SiloView> Items, int Total);
