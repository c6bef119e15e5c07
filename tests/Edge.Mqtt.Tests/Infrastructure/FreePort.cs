using System.Net;
using System.Net.Sockets;

namespace EdgeHive.Edge.Mqtt.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (bind to 0, read it, release).</summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilAcceptingAsync(int port, TimeSpan deadline)
    {
        await Eventually.TrueAsync(() =>
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, $"port {port} accepts connections", deadline);
    }
}
