using System.Globalization;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// <see cref="Connection.Send"/> found the outbound queue full: the peer or the network is not keeping up. The message
/// was not queued. Callers that can wait use <see cref="Connection.SendAsync"/> instead.
/// </summary>
internal sealed class SendQueueFullException : IOException
{
    /// <summary>Creates the exception naming the peer and the capacity.</summary>
    public SendQueueFullException(string remoteEndPoint, int capacity)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The send queue to {remoteEndPoint} is full ({capacity:N0} messages); the message was not sent."))
    {
    }
}
