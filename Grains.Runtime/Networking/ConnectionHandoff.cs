using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// Passes accepted connections to the listener's callback off the accept loop (a slow handshake must not delay the
/// next accept) and makes sure a failing callback is logged and its connection aborted, not silently leaked.
/// </summary>
internal sealed partial class ConnectionHandoff(Func<Connection, Task> onConnection, ILogger logger)
{
    /// <summary>Runs the callback for <paramref name="connection"/> on the thread pool.</summary>
    public void Dispatch(Connection connection) => _ = Task.Run(() => RunAsync(connection));

    private async Task RunAsync(Connection connection)
    {
        try
        {
            await onConnection(connection).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, connection.Id, connection.RemoteEndPoint, ex);
            connection.Abort($"The connection handler failed: {ex.Message}");
        }
    }
}
