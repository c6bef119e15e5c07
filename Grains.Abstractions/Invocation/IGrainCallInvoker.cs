namespace EdgeHive.Grains.Invocation;

/// <summary>What generated proxies call into. Implemented by the runtime (silo and cluster client).</summary>
public interface IGrainCallInvoker
{
    /// <summary>Sends a request for a method without a result and completes when the grain has processed it.</summary>
    Task InvokeAsync(GrainReference target, Request request);

    /// <summary>Sends a request for a method with a result.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request);

    /// <summary>Sends a one-way request; returns once it is queued for delivery.</summary>
    void InvokeOneWay(GrainReference target, Request request);
}
