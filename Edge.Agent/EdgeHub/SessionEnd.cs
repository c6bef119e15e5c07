namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>How a connect attempt or session ended.</summary>
/// <param name="CloseCode">WebSocket close code received (or sent), or null when the connection broke without one.</param>
/// <param name="HttpStatus">HTTP status of a refused upgrade (401, 403, 404, …), or null.</param>
/// <param name="Welcomed">True when the session got as far as the cloud's welcome.</param>
/// <param name="Reason">Human-readable cause, for the log.</param>
public sealed record SessionEnd(int? CloseCode, int? HttpStatus, bool Welcomed, string Reason);
