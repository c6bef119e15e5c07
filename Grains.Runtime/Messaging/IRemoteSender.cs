namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>What the dispatcher needs from the network: send a request frame and get the response back through
/// <see cref="Dispatcher.OnResponse"/>.</summary>
internal interface IRemoteSender
{
    /// <summary>Sends <paramref name="item"/> as a request frame with id <paramref name="messageId"/> to a silo.
    /// Failures to send (unreachable, too large) are delivered to the item.</summary>
    void SendRequest(SiloAddress target, CallItem item, long messageId);

    /// <summary>Sends a request to a cluster client connected to this silo's gateway; false if it is not connected here.</summary>
    bool TrySendToClient(string clientId, CallItem item, long messageId);
}
