using System.Globalization;
using System.Text.Json;
using EdgeHive.Cloud.Silo;
using Microsoft.AspNetCore.Builder;

namespace EdgeHive.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Cloud.Silo application (REST, edge gateway, portal) on a loopback port with SQLite in
/// <see cref="DataDir"/>; disposing it takes the cloud down, and <see cref="StartAsync"/> on the same directory and port
/// brings the same cloud back. Tests talk to it only over HTTP and the edge WebSocket.
/// </summary>
internal sealed class CloudApp : CloudRestClient, IAsyncDisposable
{
    public const string AdminToken = "e2e-admin-token-0123456789abcdef";

    private readonly WebApplication _app;
    private bool _stopped;

    private CloudApp(WebApplication app, string dataDir, int port)
        : base(port, AdminToken, TimeSpan.FromSeconds(60), "e2e")
    {
        _app = app;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    /// <summary>The edge endpoint agents connect to.</summary>
    public Uri EdgeUri => EdgeUriFor(Port);

    public static Uri EdgeUriFor(int port) => new($"ws://127.0.0.1:{port}/edge/v1/connect");

    /// <summary>Starts a silo on <paramref name="dataDir"/> (a fresh temp directory when null) and <paramref name="port"/> (a free one when null).</summary>
    public static async Task<CloudApp> StartAsync(string? dataDir = null, int? port = null)
    {
        dataDir ??= Path.GetDirectoryName(TestDatabases.NewSqliteFile())!;
        var httpPort = port ?? FreePort.Get();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            "--Storage:DataDir=" + dataDir,
            "--Cluster:SiloPort=0",
            "--Cluster:GatewayPort=0",
            "--Auth:AdminToken=" + AdminToken,
            "--Logging:LogLevel:Default=Warning",
        ];
        // The Orleans silo's ports are picked free (port 0 → a port free now) and bound later, in the ephemeral range that
        // outgoing connections of the other processes of the run also draw from: on a rare collision, start again.
        for (var attempt = 1; ; attempt++)
        {
            var app = CloudSiloApp.Build(args);
            try
            {
                await app.StartAsync();
                return new CloudApp(app, dataDir, httpPort);
            }
            catch (Exception ex) when (attempt < 3 && IsAddressInUse(ex))
            {
                await app.DisposeAsync();
            }
        }
    }

    private static bool IsAddressInUse(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is Microsoft.AspNetCore.Connections.AddressInUseException
                || ex is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The reported twin value of <paramref name="property"/> (value, edge version), or null when none was reported.</summary>
    public async Task<(string Value, long EdgeVersion)?> GetReportedAsync(string device, string property)
    {
        var document = await GetDeviceAsync(device);
        if (!document.GetProperty("status").GetProperty("twin").TryGetProperty(property, out var twin)
            || !twin.TryGetProperty("reported", out var reported) || reported.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return (reported.GetProperty("value").GetString()!, reported.GetProperty("edgeVersion").GetInt64());
    }

    /// <summary>Takes the cloud down (graceful stop); the SQLite files stay for a restart.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Http.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _app.StopAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A slow shutdown still frees the port once disposed.
        }

        await _app.DisposeAsync();
    }
}
