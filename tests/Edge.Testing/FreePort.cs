using System.Net;
using System.Net.Sockets;

namespace EdgeHive.Edge.Testing;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago, below the ephemeral range (see tests/Shared/TestPorts.cs).</summary>
    public static int Get() => EdgeHive.Testing.TestPorts.Free();

    public static async Task WaitUntilAcceptingAsync(int port, TimeSpan deadline)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"Not true within {deadline}: port {port} accepts connections");
    }
}
