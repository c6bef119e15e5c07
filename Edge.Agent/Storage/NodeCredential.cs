namespace EdgeHive.Edge.Agent.Storage;

/// <summary>The node's identity, kept so the agent reconnects after a restart without the join token.</summary>
/// <param name="NodeName">Node name.</param>
/// <param name="Token">Node credential issued by the cloud (or the join token until one is issued).</param>
public sealed record NodeCredential(string NodeName, string Token);
