namespace EdgeHive.Edge.Agent.MetaManager;

/// <summary>Operations the MetaManager module answers on the bus.</summary>
public static class MetaOperations
{
    /// <summary>
    /// From EdgeHub (sync): apply a versioned cloud object message; content = the <see cref="Protocol.EdgeMessage"/>,
    /// response content = <see cref="CloudApplyResult"/>, sent only after everything is committed.
    /// </summary>
    public const string ApplyCloud = "cloud/apply";

    /// <summary>
    /// Local query (sync), served from SQLite with or without a cloud link: resource = a kind (<c>device</c>) lists
    /// its objects, <c>{kind}/{namespace}/{name}</c> reads one; response content = <c>IReadOnlyList&lt;MetaObject&gt;</c>.
    /// </summary>
    public const string Query = "query";
}
