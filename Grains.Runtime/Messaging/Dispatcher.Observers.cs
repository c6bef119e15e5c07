using System.Collections.Concurrent;
using System.Globalization;
using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Placement;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Messaging;

internal sealed partial class Dispatcher
{
    private void RouteToObserver(CallItem item)
    {
        var host = ObserverRegistry.HostOf(item.Target);
        if (host == Observers.HostKey)
        {
            if (!Observers.TryInvoke(item))
            {
                item.Fail(new GrainCallFailedException($"Observer {item.Target} is no longer registered."));
            }

            return;
        }

        if (host.StartsWith("s:", StringComparison.Ordinal))
        {
            SiloAddress silo;
            try
            {
                silo = SiloAddress.Parse(host[2..]);
            }
            catch (FormatException)
            {
                item.Fail(new GrainCallFailedException($"Observer id {item.Target} is malformed."));
                return;
            }

            if (_oracle.IsDead(silo))
            {
                item.Fail(new GrainCallFailedException($"Observer {item.Target} lived on silo {silo}, which is dead."));
                return;
            }

            SendRemote(silo, item);
            return;
        }

        if (host.StartsWith("c:", StringComparison.Ordinal))
        {
            var clientId = host[2..];
            var id = item is PendingCall { IsOneWay: false } call ? call.Id : NextId();
            if (!item.IsOneWay)
            {
                _pending[id] = new PendingEntry(item, null);
            }

            if (Remote?.TrySendToClient(clientId, item, id) == true)
            {
                return;
            }

            _pending.TryRemove(id, out _);
            _ = RouteToClientViaDirectoryAsync(item, clientId);
            return;
        }

        item.Fail(new GrainCallFailedException($"Observer id {item.Target} is malformed."));
    }

    private async Task RouteToClientViaDirectoryAsync(CallItem item, string clientId)
    {
        var gateway = await _directory.LookupAsync(new GrainId(ClientGrainType, clientId), CancellationToken.None).ConfigureAwait(false);
        if (gateway is null || gateway.Silo == _oracle.Self || item.Attempts > 0)
        {
            item.Fail(new GrainCallFailedException($"Client {clientId} of observer {item.Target} is not connected."));
            return;
        }

        item.Attempts++;
        SendRemote(gateway.Silo, item);
    }

    /// <summary>Directory rows of type <c>sys.client</c> say which gateway a cluster client is connected to.</summary>
    public const string ClientGrainType = "sys.client";
}
