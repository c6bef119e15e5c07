using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Edge.Protocol;
using CloudWorkload = EdgeHive.Grains.Cloud.Workload;
using DownstreamMessage = EdgeHive.Grains.Cloud.DownstreamMessage;
using EdgeWorkload = EdgeHive.Edge.Protocol.Workload;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>A workload's downstream message as the protocol's <c>workload.upsert</c> / <c>workload.delete</c> (§4.7).
/// Pure.</summary>
internal static class WorkloadTranslator
{
    /// <summary>Translates one workload message; the header carries the message's resource version (the node echoes it
    /// as <c>observedGeneration</c>).</summary>
    /// <exception cref="JsonException">An upsert without a workload document.</exception>
    public static EdgeMessage Translate(DownstreamMessage message, EdgeMessageFactory factory)
    {
        if (message.Operation == "delete" || message.Content is null)
        {
            var slash = message.ObjectKey.IndexOf('/', StringComparison.Ordinal);
            return factory.WorkloadDelete(message.ObjectKey[..Math.Max(slash, 0)], message.ObjectKey[(slash + 1)..], message.ResourceVersion);
        }

        var workload = JsonSerializer.Deserialize<CloudWorkload>(message.Content, CloudJson.Options)
            ?? throw new JsonException($"workload message {message.Id} has no workload");
        return factory.WorkloadUpsert(ToEdge(workload), message.ResourceVersion);
    }

    /// <summary>The node's view of a workload: identity, process, restart policy and grace period (placement and status
    /// are the cloud's).</summary>
    public static EdgeWorkload ToEdge(CloudWorkload workload) => new()
    {
        Namespace = workload.Namespace,
        Name = workload.Name,
        Process = new WorkloadProcess
        {
            Executable = workload.Spec.Process.Executable,
            Args = workload.Spec.Process.Args,
            Env = workload.Spec.Process.Env,
            WorkingDirectory = workload.Spec.Process.WorkingDirectory,
        },
        RestartPolicy = workload.Spec.RestartPolicy.ToString(),
        StopGracePeriodSeconds = workload.Spec.StopGracePeriodSeconds,
    };
}
