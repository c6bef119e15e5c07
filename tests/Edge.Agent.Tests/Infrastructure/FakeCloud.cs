using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using EdgeHive.Edge.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>
/// A small protocol peer on Kestrel playing the cloud gateway: checks the upgrade's bearer (join token → registers the
/// node and issues a credential in the welcome; a known credential → plain welcome; else HTTP 401), negotiates
/// <c>edgehive.v1</c>, and hands each session to the test as a <see cref="CloudConnection"/>.
/// </summary>
public sealed class FakeCloud : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<CloudConnection> _connections = Channel.CreateUnbounded<CloudConnection>();
    private readonly ConcurrentQueue<string> _attempts = new();
    private long _epoch;

    private FakeCloud(WebApplication app) => _app = app;

    public string JoinToken { get; init; } = "join-secret";

    /// <summary>Issued credentials by node; tests may revoke by removing.</summary>
    public ConcurrentDictionary<string, string> Credentials { get; } = new(StringComparer.Ordinal);

    /// <summary>Every bearer value presented, in order (refused ones too).</summary>
    public IReadOnlyList<string> Attempts => _attempts.ToArray();

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeCloud> StartAsync(string joinToken = "join-secret")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var cloud = new FakeCloud(app) { JoinToken = joinToken };
        app.UseWebSockets();
        app.Map(EdgeProtocolConstants.ConnectPath, cloud.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cloud.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + EdgeProtocolConstants.ConnectPath);
        return cloud;
    }

    /// <summary>The next session an agent opens.</summary>
    public async Task<CloudConnection> NextConnectionAsync(TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _connections.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No agent connected in time.");
        }
    }

    /// <summary>Keepalive timing announced in the welcome.</summary>
    public KeepAliveSettings KeepAlive { get; set; } = new();

    /// <summary>Upstream rate limit announced in the welcome (messages/s, burst).</summary>
    public (double PerSecond, int Burst) RateLimit { get; set; } = (RateLimitOptions.DefaultPerSecond, RateLimitOptions.DefaultBurst);

    /// <summary>Frame limit announced in the welcome.</summary>
    public int MaxFrameBytes { get; set; } = EdgeCodecOptions.DefaultMaxFrameBytes;

    /// <summary>When set, upgrades are refused with this HTTP status (a cloud that is down or unhealthy).</summary>
    public int? RefuseWith { get; set; }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        var node = context.Request.Headers[EdgeProtocolConstants.NodeNameHeader].ToString();
        _attempts.Enqueue(bearer);
        if (RefuseWith is { } refused)
        {
            context.Response.StatusCode = refused;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest || node.Length == 0)
        {
            context.Response.StatusCode = 400;
            return;
        }

        string? issued = null;
        if (Credentials.TryGetValue(node, out var credential))
        {
            if (bearer != credential)
            {
                context.Response.StatusCode = 401;
                return;
            }
        }
        else if (bearer == JoinToken)
        {
            issued = "ehn_" + Guid.NewGuid().ToString("N");
            Credentials[node] = issued;
        }
        else
        {
            context.Response.StatusCode = 401;
            return;
        }

        SubProtocolNegotiator.TrySelect(context.WebSockets.WebSocketRequestedProtocols, out var subProtocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);
        var connection = new CloudConnection(socket, bearer, node, Interlocked.Increment(ref _epoch));
        await connection.SendAsync(connection.Factory.Welcome(new SessionWelcome
        {
            NodeName = node,
            SessionEpoch = connection.Epoch,
            NodeCredential = issued,
            ServerTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            KeepAlive = KeepAlive,
            RateLimitPerSecond = RateLimit.PerSecond,
            RateLimitBurst = RateLimit.Burst,
            MaxFrameBytes = MaxFrameBytes,
        }));
        _connections.Writer.TryWrite(connection);
        await connection.ReceiveLoopAsync(context.RequestAborted);
    }
}
