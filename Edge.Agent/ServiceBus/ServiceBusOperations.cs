namespace EdgeHive.Edge.Agent.ServiceBus;

/// <summary>Operations of the ServiceBus module on the bus.</summary>
public static class ServiceBusOperations
{
    /// <summary>
    /// From EdgeHub: forward an HTTP request; content = <see cref="Protocol.ServiceRequest"/>, the bus message id = the
    /// cloud message id. The answer (content = <see cref="Protocol.ServiceResponse"/>) goes back with
    /// <see cref="Bus.ModuleBus.RespondAsync"/>, so its parent id names the cloud request.
    /// </summary>
    public const string Request = "service/request";
}
