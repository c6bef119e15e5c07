namespace EdgeHive.Cloud.Silo.Api;

/// <summary>The members <see cref="ResourceEndpoints{TDocument, TSpec, TResource}"/> reads from a create or replace
/// body: the optional identity (which must match the path) and the spec.</summary>
/// <typeparam name="TSpec">The resource's spec.</typeparam>
internal interface IResourceDocument<out TSpec>
    where TSpec : class
{
    /// <summary>The namespace, if the body names it.</summary>
    string? Namespace { get; }

    /// <summary>The name, if the body names it.</summary>
    string? Name { get; }

    /// <summary>The spec; null is a validation problem.</summary>
    TSpec? Spec { get; }
}
