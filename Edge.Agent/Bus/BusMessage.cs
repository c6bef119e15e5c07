namespace EdgeHive.Edge.Agent.Bus;

/// <summary>
/// A message on the in-process module bus, shaped like KubeEdge's <c>model.Message</c>: a header (id, parent id,
/// timestamp), a route (source module, destination group, operation, resource) and an opaque content. In-process
/// content is never serialized; the EdgeHub module maps messages to the cloud envelope when they leave the agent.
/// </summary>
/// <param name="Id">Unique id; responses carry it as <see cref="ParentId"/>.</param>
/// <param name="ParentId">Id of the request this message answers, or null.</param>
/// <param name="Source">Name of the sending module.</param>
/// <param name="Group">Destination group (KubeEdge's router group, e.g. <c>twin</c>, <c>hub</c>, <c>bus</c>).</param>
/// <param name="Operation">What to do (e.g. <c>update</c>, <c>publish</c>, <c>response</c>).</param>
/// <param name="Resource">What it is about (e.g. an MQTT topic or <c>device/default/counter</c>).</param>
/// <param name="Content">The payload, passed by reference inside the process.</param>
/// <param name="Timestamp">Creation time in milliseconds since the Unix epoch.</param>
public sealed record BusMessage(
    string Id,
    string? ParentId,
    string Source,
    string Group,
    string Operation,
    string Resource,
    object? Content,
    long Timestamp)
{
    /// <summary>Operation name used by <see cref="ModuleBus.RespondAsync"/> for responses.</summary>
    public const string ResponseOperation = "response";

    /// <summary>Creates a new message with a fresh id.</summary>
    public static BusMessage Create(string source, string group, string operation, string resource, object? content, TimeProvider time) =>
        new(Guid.NewGuid().ToString("N"), null, source, group, operation, resource, content, time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Builds the response to this message, routed back to its source.</summary>
    public BusMessage CreateResponse(string source, object? content, TimeProvider time) =>
        new(Guid.NewGuid().ToString("N"), Id, source, Group, ResponseOperation, Resource, content, time.GetUtcNow().ToUnixTimeMilliseconds());
}
