namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Builds messages of every kind with a fresh id, the current time, the kind's route and the right resource key.
/// One factory per sending side; the clock and the id source are injected so tests are deterministic.
/// </summary>
public sealed class EdgeMessageFactory
{
    private readonly string _source;
    private readonly TimeProvider _time;
    private readonly Func<string> _newId;

    /// <summary>Creates a factory.</summary>
    /// <param name="source">Route source, for example <see cref="EdgeProtocolConstants.CloudSource"/>.</param>
    /// <param name="time">Clock for header timestamps.</param>
    /// <param name="newId">Id source; default: time-ordered GUIDs (version 7), unique per sender without coordination.</param>
    public EdgeMessageFactory(string source, TimeProvider time, Func<string>? newId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(time);
        _source = source;
        _time = time;
        _newId = newId ?? (static () => Guid.CreateVersion7().ToString("N"));
    }

    /// <summary>Builds a message of any kind; the route group and operation come from the kind's table entry.</summary>
    public EdgeMessage Create(
        EdgePayload content, string resource = "", long resourceVersion = 0, string? parentId = null, bool sync = false)
    {
        var kind = EdgeMessageKinds.Of(content);
        ArgumentOutOfRangeException.ThrowIfNegative(resourceVersion);
        return new EdgeMessage
        {
            Header = new MessageHeader
            {
                Id = _newId(),
                ParentId = parentId,
                Timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                ResourceVersion = resourceVersion,
                Sync = sync,
            },
            Route = new MessageRoute
            {
                Source = _source,
                Group = kind.Group,
                Operation = kind.Operation,
                Resource = resource ?? "",
            },
            Content = content,
        };
    }

    /// <summary>The first message of a session.</summary>
    public EdgeMessage Welcome(SessionWelcome welcome) => Create(welcome, ResourceKeys.Node(welcome.NodeName));

    /// <summary>A keepalive.</summary>
    public EdgeMessage KeepAlive() => Create(new KeepAlive());

    /// <summary>
    /// Acknowledges <paramref name="acked"/> after it was persisted: echoes its resource version (downstream) or its
    /// outbox sequence (upstream) and its resource key.
    /// </summary>
    public EdgeMessage Ack(EdgeMessage acked)
    {
        ArgumentNullException.ThrowIfNull(acked);
        var sequence = acked.Content is ISequencedPayload sequenced ? sequenced.Sequence : 0;
        var ack = new Ack { ResourceVersion = acked.Header.ResourceVersion, Sequence = sequence };
        return Create(ack, acked.Route.Resource, acked.Header.ResourceVersion, parentId: acked.Id);
    }

    /// <summary>Rejects <paramref name="rejected"/> (or, when <c>null</c>, reports a session problem).</summary>
    public EdgeMessage Error(EdgeMessage? rejected, int code, string reason) =>
        Create(new ErrorResult { Code = code, Reason = reason }, rejected?.Route.Resource ?? "", parentId: rejected?.Id);

    /// <summary>Answers a frame that could not be read; the parent is the offending message when its id was readable.</summary>
    public EdgeMessage Error(ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(new ErrorResult { Code = error.Code, Reason = error.Reason }, parentId: error.MessageId);
    }

    /// <summary>A device's whole spec, at the device grain's persisted version.</summary>
    public EdgeMessage DeviceUpsert(Device device, long resourceVersion) =>
        Create(new DeviceUpsert { Device = device }, ResourceKeys.Device(device.Namespace, device.Name), resourceVersion);

    /// <summary>A device's deletion.</summary>
    public EdgeMessage DeviceDelete(string @namespace, string name, long resourceVersion) =>
        Create(new DeviceDelete { Namespace = @namespace, Name = name }, ResourceKeys.Device(@namespace, name), resourceVersion);

    /// <summary>A device model's whole current version.</summary>
    public EdgeMessage DeviceModelUpsert(DeviceModel model, long resourceVersion) =>
        Create(new DeviceModelUpsert { Model = model }, ResourceKeys.DeviceModel(model.Namespace, model.Name), resourceVersion);

    /// <summary>A device model's removal from the node.</summary>
    public EdgeMessage DeviceModelDelete(string @namespace, string name, long resourceVersion) =>
        Create(
            new DeviceModelDelete { Namespace = @namespace, Name = name },
            ResourceKeys.DeviceModel(@namespace, name),
            resourceVersion);

    /// <summary>A device bound to <paramref name="nodeName"/>; shares the device's resource key.</summary>
    public EdgeMessage MembershipAdd(string nodeName, Device device, long resourceVersion) =>
        Create(
            new MembershipAdd { NodeName = nodeName, Device = device },
            ResourceKeys.Device(device.Namespace, device.Name),
            resourceVersion);

    /// <summary>A device unbound from <paramref name="nodeName"/>; shares the device's resource key.</summary>
    public EdgeMessage MembershipRemove(string nodeName, string @namespace, string name, long resourceVersion) =>
        Create(
            new MembershipRemove { NodeName = nodeName, Namespace = @namespace, Name = name },
            ResourceKeys.Device(@namespace, name),
            resourceVersion);

    /// <summary>A device's complete desired twin.</summary>
    public EdgeMessage TwinDesired(TwinDesiredUpdate update, long resourceVersion) =>
        Create(update, ResourceKeys.DeviceTwin(update.Namespace, update.Name), resourceVersion);

    /// <summary>An HTTP request for an application on the node; the sender waits for the response (sync).</summary>
    public EdgeMessage ServiceRequest(ServiceRequest request) => Create(request, sync: true);

    /// <summary>Node status / heartbeat.</summary>
    public EdgeMessage NodeStatus(string nodeName, NodeStatus status) => Create(status, ResourceKeys.Node(nodeName));

    /// <summary>A device state report from the outbox.</summary>
    public EdgeMessage DeviceState(DeviceStateReport report) =>
        Create(report, ResourceKeys.Device(report.Namespace, report.Name));

    /// <summary>Reported twin values from the outbox.</summary>
    public EdgeMessage TwinReported(TwinReportedUpdate update) =>
        Create(update, ResourceKeys.DeviceTwin(update.Namespace, update.Name));

    /// <summary>A free-form event from the outbox.</summary>
    public EdgeMessage Upload(UploadEvent upload) => Create(upload);

    /// <summary>The answer to <paramref name="request"/>.</summary>
    public EdgeMessage ServiceResponse(EdgeMessage request, ServiceResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(response, parentId: request.Id);
    }

    /// <summary>A workload's whole spec, at the workload's persisted version (its generation).</summary>
    public EdgeMessage WorkloadUpsert(Workload workload, long resourceVersion)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return Create(new WorkloadUpsert { Workload = workload }, ResourceKeys.Workload(workload.Namespace, workload.Name), resourceVersion);
    }

    /// <summary>A workload's removal from the node.</summary>
    public EdgeMessage WorkloadDelete(string @namespace, string name, long resourceVersion) =>
        Create(new WorkloadDelete { Namespace = @namespace, Name = name }, ResourceKeys.Workload(@namespace, name), resourceVersion);

    /// <summary>A workload status report from the outbox.</summary>
    public EdgeMessage WorkloadStatus(WorkloadStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Create(report, ResourceKeys.Workload(report.Namespace, report.Name));
    }

    /// <summary>A request for a workload's newest log lines; the sender waits for the response (sync).</summary>
    public EdgeMessage WorkloadLogs(WorkloadLogsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(request, ResourceKeys.Workload(request.Namespace, request.Name), sync: true);
    }

    /// <summary>The answer to a <see cref="Protocol.WorkloadLogsRequest"/>.</summary>
    public EdgeMessage WorkloadLogsResult(EdgeMessage request, WorkloadLogsResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(response, parentId: request.Id);
    }
}
