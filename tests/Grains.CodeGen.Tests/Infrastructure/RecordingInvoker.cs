using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.CodeGen.Tests.Infrastructure;

/// <summary>An <see cref="IGrainCallInvoker"/> that records every call and answers with a configured result.</summary>
internal sealed class RecordingInvoker : IGrainCallInvoker
{
    private readonly Func<Request, object?> _results;

    public RecordingInvoker(Func<Request, object?>? results = null) => _results = results ?? (_ => null);

    public List<RecordedCall> Calls { get; } = [];

    public RecordedCall Single => Assert.Single(Calls);

    public Task InvokeAsync(GrainReference target, Request request)
    {
        Calls.Add(new RecordedCall(target, request, RecordedCallKind.WithoutResult));
        return Task.CompletedTask;
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        Calls.Add(new RecordedCall(target, request, RecordedCallKind.WithResult));
        return Task.FromResult((TResult)_results(request)!);
    }

    public void InvokeOneWay(GrainReference target, Request request) =>
        Calls.Add(new RecordedCall(target, request, RecordedCallKind.OneWay));
}
