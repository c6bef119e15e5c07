using System.Net;
using System.Net.Sockets;

namespace EdgeHive.Testing;

/// <summary>
/// Loopback ports for test servers that must know their port before they start (a restarted process keeping its port,
/// a gateway port a client is configured with). The port is taken below Linux's ephemeral range (32768–60999 by
/// default, <c>net.ipv4.ip_local_port_range</c>): a port from that range, free a moment ago, can meanwhile become the
/// local port of any outgoing connection (database pools, browsers, HTTP clients), which is how a late bind failed with
/// "address already in use". Below it only another listener can take the port.
/// </summary>
internal static class TestPorts
{
    private const int First = 20000;
    private const int End = 32768;

    /// <summary>A loopback port that was free a moment ago, below the ephemeral range when one is free there.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }
}
