namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>Whether an error a page ran into means the cluster does not answer (the standalone portal with no silo
/// reachable), and what to tell the user then.</summary>
public static class ClusterOutage
{
    /// <summary>True for <see cref="ClusterUnavailableException"/> and for the Orleans client's own failures to reach
    /// a silo (a page that calls a grain directly meets those rather than the backend's wrapped form).</summary>
    public static bool IsOutage(Exception error) => error is ClusterUnavailableException || IsUnreachable(error);

    /// <summary>True for the Orleans client's own failures to reach a silo (what <see cref="ClusterUnavailableException"/>
    /// wraps).</summary>
    public static bool IsUnreachable(Exception error) => error is global::Orleans.Runtime.OrleansException or TimeoutException;

    /// <summary>The message a page shows for <paramref name="error"/>.</summary>
    public static string Describe(Exception error) => error switch
    {
        ClusterUnavailableException => error.Message,
        _ when IsOutage(error) => $"The cluster is not reachable: {error.Message} The page works again as soon as a silo answers.",
        _ => "Something went wrong: " + error.Message,
    };
}
