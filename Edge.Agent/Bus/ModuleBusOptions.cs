namespace EdgeHive.Edge.Agent.Bus;

/// <summary>Settings of the <see cref="ModuleBus"/>.</summary>
public sealed class ModuleBusOptions
{
    /// <summary>
    /// Capacity of each module's inbox (default 1024, Beehive's channel size). When an inbox is full, senders wait:
    /// nothing is dropped inside the process; durability against long outages lives in the SQLite outbox instead.
    /// </summary>
    public int InboxCapacity { get; set; } = 1024;

    /// <summary>Default wait of <see cref="ModuleBus.SendSyncAsync"/> when the caller passes none (default 30 s).</summary>
    public TimeSpan DefaultSyncTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Names of modules switched off by configuration, in addition to modules whose Enabled is false.</summary>
    public ISet<string> DisabledModules { get; } = new HashSet<string>(StringComparer.Ordinal);
}
