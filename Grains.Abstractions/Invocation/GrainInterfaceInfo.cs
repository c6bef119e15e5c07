namespace EdgeHive.Grains.Invocation;

/// <summary>What the generated code tells the runtime about one grain interface.</summary>
/// <param name="InterfaceType">The interface.</param>
/// <param name="Name">Its stable name, as used in messages (<see cref="Request.InterfaceName"/>).</param>
/// <param name="CreateProxy">Creates a proxy bound to an invoker and a grain id.</param>
/// <param name="CreateRequest">Creates an empty request for a method id, to read arguments into; null if the id is unknown.</param>
/// <param name="MethodNames">Method names indexed by method id.</param>
public sealed record GrainInterfaceInfo(
    Type InterfaceType,
    string Name,
    Func<IGrainCallInvoker, GrainId, GrainReference> CreateProxy,
    Func<int, Request?> CreateRequest,
    IReadOnlyList<string> MethodNames);
