using System.Net;
using System.Net.WebSockets;
using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>
/// KubeEdge's EdgeHub: the WebSocket link to the cloud (<c>/edge/v1/connect</c>, subprotocol <c>edgehive.v1</c>).
/// Connects to the cloud URLs in turn with jittered exponential backoff; authenticates with the join token until the
/// cloud issues a node credential (stored in SQLite before anything else happens) and with that credential from then
/// on. Downstream object messages are applied through MetaManager/DeviceTwin and acknowledged only after the commit;
/// service requests go to ServiceBus. Upstream, it is the outbox dispatcher's link and sends <c>node.status</c>
/// heartbeats. Other modules learn about link changes through <see cref="LinkEvents"/>.
/// </summary>
public sealed partial class EdgeHubModule : IModule
{
    private readonly ModuleBus _bus;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly string _nodeName;
    private readonly string? _joinToken;
    private readonly CredentialStore _credentials;
    private readonly DeviceStore _devices;
    private readonly CloudUpstreamLink _upstream;
    private readonly OutboxDispatcher _dispatcher;
    private readonly EdgeMessageFactory _factory;
    private readonly EdgeHubOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EdgeHubModule> _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile CloudSession? _session;

    /// <summary>Creates the module; it connects when started.</summary>
    public EdgeHubModule(
        ModuleBus bus,
        IReadOnlyList<Uri> cloudUrls,
        string nodeName,
        string? joinToken,
        CredentialStore credentials,
        DeviceStore devices,
        CloudUpstreamLink upstream,
        OutboxDispatcher dispatcher,
        EdgeMessageFactory factory,
        EdgeHubOptions options,
        TimeProvider time,
        ILogger<EdgeHubModule> logger,
        bool enabled = true)
    {
        ArgumentOutOfRangeException.ThrowIfZero(cloudUrls.Count);
        _bus = bus;
        _urls = cloudUrls.Select(LinkPolicy.ConnectUri).ToArray();
        _nodeName = nodeName;
        _joinToken = joinToken;
        _credentials = credentials;
        _devices = devices;
        _upstream = upstream;
        _dispatcher = dispatcher;
        _factory = factory;
        _options = options;
        _time = time;
        _logger = logger;
        Enabled = enabled;
    }

    /// <inheritdoc />
    public string Name => ModuleNames.EdgeHub;

    /// <inheritdoc />
    public string Group => ModuleNames.HubGroup;

    /// <inheritdoc />
    public bool Enabled { get; }

    /// <summary>True while a session is established (after the welcome).</summary>
    public bool IsConnected => _session is not null;

    /// <summary>Completes when the link stopped for good (revoked credential, unsupported version, no credential).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Test seam: runs after a cloud object was committed and before its ack is queued.</summary>
    internal Func<EdgeMessage, CancellationToken, Task>? BeforeAck { get; set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var inbox = InboxLoopAsync(cancellationToken);
        try
        {
            await ConnectLoopAsync(cancellationToken).ConfigureAwait(false);

            // Stopped for good: the agent keeps serving devices offline; the inbox is still drained.
            await inbox.ConfigureAwait(false);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(_options.Backoff);
        var index = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (secret, stored) = await GetSecretAsync(cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                LogNoCredential(_nodeName);
                return;
            }

            var url = _urls[index];
            var end = await RunSessionAsync(url, secret, stored, backoff, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var action = LinkPolicy.Decide(end, stored);
            if (action == LinkAction.Stop)
            {
                if (LinkPolicy.IsVersionRefused(end))
                {
                    LogVersionRefused(url, EdgeProtocolConstants.SubProtocol, end.HttpStatus, end.Reason);
                }
                else
                {
                    LogStopped(url, end.CloseCode, end.HttpStatus, end.Reason, stored ? "the stored node credential" : "the join token");
                }

                _stopped.TrySetResult();
                return;
            }

            var delay = action == LinkAction.RetryAtCeiling ? _options.Backoff.Max : backoff.Next();
            index = LinkPolicy.NextUrl(index, _urls.Count);
            LogReconnecting(url, end.CloseCode, end.HttpStatus, end.Reason, delay, _urls[index]);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stored node credential when it belongs to this node, else the join token.</summary>
    private async Task<(string? Secret, bool Stored)> GetSecretAsync(CancellationToken cancellationToken)
    {
        var credential = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        return credential is not null && string.Equals(credential.NodeName, _nodeName, StringComparison.Ordinal)
            ? (credential.Token, true)
            : (_joinToken, false);
    }

    private async Task<SessionEnd> RunSessionAsync(Uri url, string secret, bool stored, ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(EdgeProtocolConstants.SubProtocol);
        socket.Options.SetRequestHeader("Authorization", EdgeProtocolConstants.AuthorizationScheme + " " + secret);
        socket.Options.SetRequestHeader(EdgeProtocolConstants.NodeNameHeader, _nodeName);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            using var connectTimeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
            await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            // Also when stopping: a refused connect that races the shutdown must not fault the module; the caller
            // sees the cancellation and returns.
            var status = socket.HttpStatusCode == 0 ? (int?)null : (int)socket.HttpStatusCode;
            socket.Dispose();
            return new SessionEnd(null, status, false, status is { } s ? $"upgrade refused with HTTP {s} {(HttpStatusCode)s}" : "connect failed: " + (ex.InnerException ?? ex).Message);
        }

        await using var session = new CloudSession(socket, url, _factory, _options, _time, _logger) { Unsendable = DropUnsendableAsync };
        var (welcome, refused) = await session.ReceiveWelcomeAsync(cancellationToken).ConfigureAwait(false);
        if (welcome is null)
        {
            return refused! with { Welcomed = false };
        }

        if (welcome.NodeCredential is { Length: > 0 } issued)
        {
            // Committed before anything else: from now on this node exists in the cloud and the join token is spent.
            await _credentials.SaveAsync(new NodeCredential(_nodeName, issued), cancellationToken).ConfigureAwait(false);
            LogRegistered(_nodeName, url);
        }

        backoff.Reset();
        _session = session;
        _upstream.Attach(session);
        LogConnected(url, welcome.SessionEpoch, stored || welcome.NodeCredential is not null ? "node credential" : "join token");
        try
        {
            await LinkEvents.BroadcastAsync(_bus, new LinkState(true, url.ToString(), null), cancellationToken).ConfigureAwait(false);
            await session.SendAsync(await NodeStatusAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            _dispatcher.NotifyConnected();
            using var statusStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var status = StatusLoopAsync(session, statusStop.Token);
            var end = await session.RunAsync(HandleAsync, cancellationToken).ConfigureAwait(false);
            await statusStop.CancelAsync().ConfigureAwait(false);
            await status.ConfigureAwait(false);
            return end with { Welcomed = true };
        }
        finally
        {
            _upstream.Detach(session);
            _session = null;
            if (!cancellationToken.IsCancellationRequested)
            {
                await LinkEvents.BroadcastAsync(_bus, new LinkState(false, url.ToString(), "session ended"), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StatusLoopAsync(CloudSession session, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.StatusInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await session.SendAsync(await NodeStatusAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // The session ended.
        }
    }

    private async Task<EdgeMessage> NodeStatusAsync(CancellationToken cancellationToken)
    {
        var devices = await _devices.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
        return _factory.NodeStatus(_nodeName, new NodeStatus { Info = NodeInfoProvider.Collect(_options.NodeLabels), Ready = true, DeviceCount = devices.Count });
    }

    /// <summary>Answers from other modules: service and log responses go to the cloud with the request as their parent.</summary>
    private async Task InboxLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await _bus.ReceiveAsync(Name, cancellationToken).ConfigureAwait(false);
                if (message is { Operation: BusMessage.ResponseOperation, Content: ServiceResponse or WorkloadLogsResponse, ParentId: { } requestId })
                {
                    await SendResponseAsync(requestId, (EdgePayload)message.Content, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendResponseAsync(string requestId, EdgePayload response, CancellationToken cancellationToken)
    {
        if (_session is not { } session)
        {
            // The caller waited on a session that is gone; a response is not worth keeping (protocol §4.6).
            LogServiceResponseDropped(requestId);
            return;
        }

        var message = _factory.Create(response, parentId: requestId);
        try
        {
            await session.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            LogServiceResponseDropped(requestId);
        }
    }
}
