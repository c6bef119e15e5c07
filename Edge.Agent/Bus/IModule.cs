namespace EdgeHive.Edge.Agent.Bus;

/// <summary>
/// A module of the agent (Beehive's <c>core.Module</c>): a named unit with its own inbox on the <see cref="ModuleBus"/>.
/// </summary>
public interface IModule
{
    /// <summary>Unique module name; the bus addresses the module's inbox by it.</summary>
    string Name { get; }

    /// <summary>The group the module belongs to; <see cref="ModuleBus.SendToGroupAsync"/> reaches every enabled member.</summary>
    string Group { get; }

    /// <summary>False when configuration disabled the module: the bus neither registers nor starts it.</summary>
    bool Enabled { get; }

    /// <summary>Runs the module until <paramref name="cancellationToken"/> is cancelled (typically a receive loop).</summary>
    Task StartAsync(CancellationToken cancellationToken);
}
