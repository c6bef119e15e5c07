namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>The shapes of grain method return types the generator supports.</summary>
internal enum ReturnKind
{
    /// <summary><c>void</c>; only allowed for one-way methods.</summary>
    Void,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,
}
