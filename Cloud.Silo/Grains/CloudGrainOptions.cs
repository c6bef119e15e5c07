using EdgeHive.Cloud.Silo.Domain;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Options of the cloud grains (configuration sections <c>Edge</c> and <c>Twin</c>).</summary>
internal sealed class CloudGrainOptions
{
    /// <summary>A node not heard from for this long is offline (<c>Edge:DeadAfter</c>). Default 30 s (KubeEdge).</summary>
    public TimeSpan DeadAfter { get; set; } = NodeStatusRules.DefaultDeadAfter;

    /// <summary>Twin size limits (section <c>Twin</c>).</summary>
    public TwinLimits Twin { get; set; } = new();

    /// <summary>How often each silo looks for devices whose downstream push a crash interrupted
    /// (<see cref="PendingPushSweeper"/>). Default 15 s: the longest a change can wait after a crash while its node
    /// stays connected elsewhere.</summary>
    public TimeSpan PendingPushSweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Fault point for tests (argument: the device key), run after a device wrote a change and before it
    /// settles what the change owes (model checks, pushes to the node sessions); throwing ends the call there, as a
    /// crash would. Null in production.</summary>
    internal Func<string, Task>? BeforePush { get; set; }

    /// <summary>Fault point for tests (argument: the device key), run after a model agreed to count the device and
    /// before the device's write; throwing ends the call there, as a crash would. Null in production.</summary>
    internal Func<string, Task>? AfterModelAcquire { get; set; }

    /// <summary>Throws on values that cannot work.</summary>
    public void Validate()
    {
        if (DeadAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("Edge:DeadAfter must be positive.");
        }

        if (PendingPushSweepInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("PendingPushSweepInterval must be positive.");
        }

        if (Twin.MaxValueLength < 1 || Twin.MaxDocumentBytes < 2)
        {
            throw new ArgumentException("Twin:MaxValueLength and Twin:MaxDocumentBytes must be positive.");
        }
    }
}
