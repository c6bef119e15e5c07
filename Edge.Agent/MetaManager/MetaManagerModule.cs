using System.Globalization;
using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.MetaManager;

/// <summary>
/// KubeEdge's MetaManager: persists the cloud objects of this node (devices, device models, memberships, desired
/// twins) with their resource versions, hands device changes to DeviceTwin, and answers local queries from SQLite,
/// so everything keeps working while the cloud is unreachable.
/// <para>
/// Order of a cloud message: (1) refuse it as stale when its version is not greater than the stored one; (2) let
/// DeviceTwin apply it and commit; (3) commit the version. A crash between (2) and (3) makes the cloud's resend apply
/// again, which DeviceTwin does idempotently (membership is an upsert, desired values carry per-property versions);
/// recording the version first would instead lose the twin change for good.
/// </para>
/// </summary>
public sealed partial class MetaManagerModule(
    ModuleBus bus,
    MetaStore meta,
    DeviceStore devices,
    string nodeName,
    ILogger<MetaManagerModule> logger,
    bool enabled = true) : IModule
{
    private readonly ILogger<MetaManagerModule> _logger = logger;
    private volatile bool _cloudConnected;

    /// <inheritdoc />
    public string Name => ModuleNames.MetaManager;

    /// <inheritdoc />
    public string Group => ModuleNames.MetaGroup;

    /// <inheritdoc />
    public bool Enabled => enabled;

    /// <summary>Whether EdgeHub last reported the cloud link as up (queries are answered either way).</summary>
    public bool CloudConnected => _cloudConnected;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var message = await bus.ReceiveAsync(Name, cancellationToken).ConfigureAwait(false);
            if (LinkEvents.IsLinkEvent(message))
            {
                _cloudConnected = message.Operation == LinkEvents.Up;
                continue;
            }

            object? answer;
            try
            {
                answer = message.Operation switch
                {
                    MetaOperations.ApplyCloud when message.Content is EdgeMessage cloud => await ApplyAsync(cloud, cancellationToken).ConfigureAwait(false),
                    MetaOperations.Query => await QueryAsync(message.Resource, cancellationToken).ConfigureAwait(false),
                    _ => CloudApplyResult.Reject(ErrorCodes.BadRequest, $"MetaManager does not understand {message.Operation}"),
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not committed: the cloud keeps the message and resends it (500 is transient).
                LogApplyFailed(ex, message.Operation, message.Resource);
                answer = CloudApplyResult.Reject(ErrorCodes.InternalError, "the edge could not store the object: " + ex.Message);
            }

            await bus.RespondAsync(message, message.CreateResponse(Name, answer, bus.Time), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies one versioned cloud message (see the class remarks for the order of commits).</summary>
    public async Task<CloudApplyResult> ApplyAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        var target = CloudObject.From(message);
        if (target is null)
        {
            return CloudApplyResult.Reject(ErrorCodes.BadRequest, $"kind '{message.Kind}' is not a cloud object");
        }

        var version = message.Header.ResourceVersion;
        var stored = await meta.GetVersionAsync(target.Kind, target.Key, cancellationToken).ConfigureAwait(false);
        var storedVersion = long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (stored is not null && version <= storedVersion)
        {
            LogStale(message.Kind, target.Kind, target.Key, version, storedVersion);
            return new CloudApplyResult(CloudApplyStatus.Stale, storedVersion);
        }

        WorkloadSpec? workload = null;
        if (message.Content is WorkloadUpsert upsert)
        {
            // The cloud validated the spec (422); one that breaks the shape rules here is refused, never stored.
            (workload, var errors) = WorkloadConvert.ToSpec(upsert.Workload, version);
            if (workload is null)
            {
                return CloudApplyResult.Reject(ErrorCodes.BadRequest, "invalid workload spec: " + string.Join("; ", errors));
            }
        }

        var outcome = await ApplyToTwinAsync(message, cancellationToken).ConfigureAwait(false);
        if (outcome?.Rejections.FirstOrDefault(r => r.Property is null) is { } refused)
        {
            return CloudApplyResult.Reject(refused.Code, refused.Reason);
        }

        foreach (var rejection in outcome?.Rejections ?? [])
        {
            // Per-property refusals (a stale cloud version, an invalid value) are expected: the message is still acked.
            LogPropertyRejected(target.Key, rejection.Property, rejection.Code, rejection.Reason);
        }

        await meta.ApplyVersionedAsync(target.ToMeta(version), target.Deleted, cancellationToken).ConfigureAwait(false);
        if (target is { Kind: CloudObject.DeviceKind, Deleted: true })
        {
            // The twin rows went with the device; a later rebinding must accept the desired twin again.
            await meta.DeleteAsync(CloudObject.TwinKind, target.Key, cancellationToken).ConfigureAwait(false);
        }

        if (target.Kind == CloudObject.WorkloadKind)
        {
            // Committed first: Edged reads every stored assignment when it starts, so a crash before this send loses nothing.
            var (operation, content) = workload is not null
                ? (EdgedOperations.Apply, (object)workload)
                : (EdgedOperations.Remove, new WorkloadKey(((WorkloadDelete)message.Content).Namespace, ((WorkloadDelete)message.Content).Name));
            await bus.SendAsync(ModuleNames.Edged, BusMessage.Create(Name, ModuleNames.EdgedGroup, operation, target.Key, content, bus.Time), cancellationToken).ConfigureAwait(false);
        }

        LogApplied(message.Kind, target.Kind, target.Key, version);
        return new CloudApplyResult(CloudApplyStatus.Applied, version);
    }

    private async Task<TwinOutcome?> ApplyToTwinAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        var (operation, resource, content) = message.Content switch
        {
            DeviceUpsert u => await BindOperationAsync(u.Device, cancellationToken).ConfigureAwait(false),
            MembershipAdd a => await BindOperationAsync(a.Device, cancellationToken).ConfigureAwait(false),
            DeviceDelete d => Unbind(d.Namespace, d.Name),
            MembershipRemove r => Unbind(r.Namespace, r.Name),
            TwinDesiredUpdate t => (TwinOperations.CloudTwinUpdate, t.Namespace + "/" + t.Name, (object)CloudTwinConvert.ToCloudTwin(t)),
            _ => (null, "", null),
        };
        if (operation is null)
        {
            return null;
        }

        var request = BusMessage.Create(Name, ModuleNames.TwinGroup, operation, resource, content, bus.Time);
        var response = await bus.SendSyncAsync(ModuleNames.DeviceTwin, request, null, cancellationToken).ConfigureAwait(false);
        return response.Content as TwinOutcome
            ?? throw new InvalidOperationException($"DeviceTwin answered {operation} {resource} with {response.Content?.GetType().Name ?? "nothing"}.");
    }

    private async Task<(string?, string, object?)> BindOperationAsync(Device device, CancellationToken cancellationToken)
    {
        var msg = CloudTwinConvert.ToMsgDevice(device);
        if (device.NodeName is { Length: > 0 } node && !string.Equals(node, nodeName, StringComparison.Ordinal))
        {
            // The device moved to another node: it is no longer served here.
            return Unbind(device.Namespace, device.Name);
        }

        return await devices.GetDeviceAsync(msg.Id, cancellationToken).ConfigureAwait(false) is null
            ? (TwinOperations.MembershipUpdate, msg.Id, new MembershipUpdate { AddedDevices = [msg] })
            : (TwinOperations.DeviceUpdated, msg.Id, msg);
    }

    private static (string?, string, object?) Unbind(string @namespace, string name)
    {
        var id = @namespace + "/" + name;
        return (TwinOperations.MembershipUpdate, id, new MembershipUpdate { RemovedDevices = [new MsgDevice { Id = id, Name = name }] });
    }

    private async Task<IReadOnlyList<MetaObject>> QueryAsync(string resource, CancellationToken cancellationToken)
    {
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return await meta.ListAsync(resource, cancellationToken).ConfigureAwait(false);
        }

        var item = await meta.GetAsync(resource[..slash], resource[(slash + 1)..], cancellationToken).ConfigureAwait(false);
        return item is null ? [] : [item];
    }
}
