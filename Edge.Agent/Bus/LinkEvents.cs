namespace EdgeHive.Edge.Agent.Bus;

/// <summary>
/// The group message EdgeHub sends when the cloud link goes up or down (Beehive modules learn it the same way).
/// Every module that reads its inbox must accept and may ignore it.
/// </summary>
public static class LinkEvents
{
    /// <summary>Operation: the cloud link is up (a welcome was received); content = <see cref="LinkState"/>.</summary>
    public const string Up = "link/up";

    /// <summary>Operation: the cloud link is down; content = <see cref="LinkState"/>.</summary>
    public const string Down = "link/down";

    /// <summary>Groups told about link changes: everyone but the hub itself.</summary>
    public static IReadOnlyList<string> Groups { get; } = [ModuleNames.MetaGroup, ModuleNames.TwinGroup, ModuleNames.BusGroup, ModuleNames.UserGroup];

    /// <summary>True for <see cref="Up"/> and <see cref="Down"/>.</summary>
    public static bool IsLinkEvent(BusMessage message) => message.Operation is Up or Down;

    /// <summary>Tells every group in <see cref="Groups"/>.</summary>
    public static async Task BroadcastAsync(ModuleBus bus, LinkState state, CancellationToken cancellationToken)
    {
        foreach (var group in Groups)
        {
            var message = BusMessage.Create(ModuleNames.EdgeHub, group, state.Connected ? Up : Down, state.CloudUrl ?? "", state, bus.Time);
            await bus.SendToGroupAsync(group, message, cancellationToken).ConfigureAwait(false);
        }
    }
}
