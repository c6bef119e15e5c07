using System.Reflection;
using System.Runtime.InteropServices;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>Facts about this machine for <see cref="NodeStatus"/>: host name, OS, architecture, agent version, capacity.</summary>
public static class NodeInfoProvider
{
    /// <summary>Collects the node facts; <paramref name="labels"/> are the agent's configured node labels.</summary>
    public static NodeInfo Collect(IReadOnlyDictionary<string, string>? labels = null)
    {
        var os = OperatingSystem.IsLinux() ? "linux"
            : OperatingSystem.IsWindows() ? "windows"
            : OperatingSystem.IsMacOS() ? "darwin"
            : RuntimeInformation.OSDescription;
        return new NodeInfo
        {
            Hostname = Environment.MachineName,
            Os = os,
            Arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            AgentVersion = AgentVersion,
            Capacity = new NodeCapacity
            {
                CpuCores = Environment.ProcessorCount,
                MemoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            },
            Labels = labels ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>The agent's informational version without the source revision suffix.</summary>
    public static string AgentVersion { get; } =
        (typeof(NodeInfoProvider).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
