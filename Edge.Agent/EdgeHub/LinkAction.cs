namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>What the link does after a session ended or a connect failed.</summary>
public enum LinkAction
{
    /// <summary>Reconnect after the jittered exponential backoff.</summary>
    Retry,

    /// <summary>Reconnect, but only at the backoff ceiling: it cannot work until an operator acts.</summary>
    RetryAtCeiling,

    /// <summary>Stop the link for good (the agent keeps serving its devices offline) and say why in the log.</summary>
    Stop,
}
