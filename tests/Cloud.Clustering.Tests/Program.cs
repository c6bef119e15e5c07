using EdgeHive.Cloud.Clustering.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace EdgeHive.Cloud.Clustering.Tests;

/// <summary>
/// The test assembly run as a program is a silo process: <c>dotnet EdgeHive.Cloud.Clustering.Tests.dll silo
/// CONNECTION CLUSTER SILO_PORT GATEWAY_PORT</c>. Tests start it to kill it without warning (SIGKILL), which an
/// in-process silo cannot simulate: even an aborted in-process stop still writes its status to the table.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["silo", var connectionString, var clusterId, var siloPort, var gatewayPort])
        {
            await Console.Error.WriteLineAsync("usage: silo CONNECTION CLUSTER SILO_PORT GATEWAY_PORT");
            return 2;
        }

        using var host = TestSilos.BuildPostgresSilo(connectionString, clusterId, int.Parse(siloPort), int.Parse(gatewayPort));
        await host.StartAsync();
        Console.WriteLine(SiloProcess.ReadyLine);
        await host.WaitForShutdownAsync();
        return 0;
    }
}
