using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>What a device spec write did to other grains: calls to undo if the write fails, calls to finish once it
/// succeeded, and the nodes whose membership changed.</summary>
internal sealed class SpecLinks(DeviceGrain owner)
{
    /// <summary>Undo calls, run in reverse order of registration.</summary>
    public List<Func<Task>> Undos { get; } = [];

    /// <summary>Calls that release the old node after a successful write (the old model is an owed check instead).</summary>
    public List<Func<Task>> Completions { get; } = [];

    /// <summary>The failure to return instead of writing, if linking failed.</summary>
    public OperationResult<Device>? Failure { get; private set; }

    /// <summary>The node the device was newly bound to, after binding.</summary>
    public EdgeNode? NewNode { get; set; }

    /// <summary>The node the device left, after unbinding.</summary>
    public EdgeNode? OldNode { get; set; }

    /// <summary>The undo calls, newest first.</summary>
    public Func<Task>[] UndoInReverse() => [.. Enumerable.Reverse(Undos)];

    /// <summary>Releases the old node. Failures are logged by the owner; the write itself already stands.</summary>
    public Task CompleteAsync() => owner.RunCompletionsAsync(Completions);

    /// <summary>Marks linking as failed.</summary>
    public SpecLinks Fail(OperationResult<Device> failure)
    {
        Failure = failure;
        return this;
    }
}
