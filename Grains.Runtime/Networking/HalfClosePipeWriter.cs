using System.IO.Pipelines;
using System.Net.Sockets;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// Writer side of a TCP connection. Completing it normally half-closes the socket (FIN): the peer still reads every
/// flushed byte, and our side keeps reading until the peer closes too. Closing the socket outright instead would
/// reset it whenever unread bytes are pending, and a reset makes the peer discard data it has not read yet. Completing
/// with an error is an abort: the socket is reset at once.
/// </summary>
internal sealed class HalfClosePipeWriter(PipeWriter inner, Socket socket) : PipeWriter
{
    /// <inheritdoc />
    public override void Advance(int bytes) => inner.Advance(bytes);

    /// <inheritdoc />
    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    /// <inheritdoc />
    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    /// <inheritdoc />
    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    /// <inheritdoc />
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        inner.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override void Complete(Exception? exception = null)
    {
        try
        {
            inner.Complete(exception);
        }
        finally
        {
            ShutDown(exception);
        }
    }

    /// <inheritdoc />
    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        try
        {
            await inner.CompleteAsync(exception).ConfigureAwait(false);
        }
        finally
        {
            ShutDown(exception);
        }
    }

    private void ShutDown(Exception? exception)
    {
        try
        {
            if (exception is null)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
            else
            {
                // Linger 0 turns close into a reset, so the peer learns at once that nothing more will come.
                socket.LingerState = new LingerOption(true, 0);
                socket.Dispose();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset or closed: the peer is gone either way.
        }
    }
}
