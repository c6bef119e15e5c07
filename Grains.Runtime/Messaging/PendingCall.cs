using System.Text.Json;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>A call made from this process, awaited by its caller until it completes or its deadline passes.</summary>
internal abstract class PendingCall : CallItem
{
    private int _completed;

    /// <summary>Correlation id, unique in this process; also the id of the request frame when sent remotely.</summary>
    public long Id { get; init; }

    /// <summary>The task the caller awaits.</summary>
    public abstract Task Task { get; }

    /// <summary>True once an outcome was delivered.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>Claims the right to deliver the outcome; only the first claimant delivers.</summary>
    protected bool TryClaim() => Interlocked.Exchange(ref _completed, 1) == 0;

    /// <summary>Delivers a successful result read from a response frame.</summary>
    public abstract void CompleteFromResponse(ReadOnlySpan<byte> body, JsonSerializerOptions options);

    /// <summary>Creates the pending call for a request with a result, inheriting chain and deadline.</summary>
    public static PendingCall<T> For<T>(Request<T> request, GrainId target, long id, Dispatcher dispatcher)
    {
        var (chain, deadline) = dispatcher.InheritContext();
        return new PendingCall<T> { Request = request, Target = target, Id = id, Chain = chain, Deadline = deadline };
    }

    /// <summary>Creates the pending call for a request without a result, inheriting chain and deadline.</summary>
    public static PendingVoidCall For(Request request, GrainId target, long id, Dispatcher dispatcher)
    {
        var (chain, deadline) = dispatcher.InheritContext();
        return new PendingVoidCall { Request = request, Target = target, Id = id, Chain = chain, Deadline = deadline };
    }
}

/// <summary>A pending call with a result of type <typeparamref name="T"/>.</summary>
internal sealed class PendingCall<T> : PendingCall
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public override Task Task => _completion.Task;

    /// <summary>The typed task the caller awaits.</summary>
    public Task<T> TypedTask => _completion.Task;

    /// <inheritdoc />
    public override void Complete(Task completed)
    {
        if (!TryClaim())
        {
            return;
        }

        if (completed.IsCompletedSuccessfully)
        {
            _completion.SetResult(((Task<T>)completed).Result);
        }
        else if (completed.IsCanceled)
        {
            _completion.SetCanceled();
        }
        else
        {
            _completion.SetException(completed.Exception!.InnerExceptions.Count == 1 ? completed.Exception.InnerException! : completed.Exception);
        }
    }

    /// <inheritdoc />
    public override void Fail(Exception exception)
    {
        if (TryClaim())
        {
            _completion.SetException(exception);
        }
    }

    /// <inheritdoc />
    public override void CompleteFromResponse(ReadOnlySpan<byte> body, JsonSerializerOptions options)
    {
        T value;
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            value = ((Request<T>)Request).ReadResult(ref reader, options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            Fail(new GrainCallFailedException($"The result of {Describe()} could not be read: {ex.Message}", ex));
            return;
        }

        if (TryClaim())
        {
            _completion.SetResult(value);
        }
    }
}

/// <summary>A pending call without a result.</summary>
internal sealed class PendingVoidCall : PendingCall
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public override Task Task => _completion.Task;

    /// <inheritdoc />
    public override void Complete(Task completed)
    {
        if (!TryClaim())
        {
            return;
        }

        if (completed.IsCompletedSuccessfully)
        {
            _completion.SetResult();
        }
        else if (completed.IsCanceled)
        {
            _completion.SetCanceled();
        }
        else
        {
            _completion.SetException(completed.Exception!.InnerExceptions.Count == 1 ? completed.Exception.InnerException! : completed.Exception);
        }
    }

    /// <inheritdoc />
    public override void Fail(Exception exception)
    {
        if (TryClaim())
        {
            _completion.SetException(exception);
        }
    }

    /// <inheritdoc />
    public override void CompleteFromResponse(ReadOnlySpan<byte> body, JsonSerializerOptions options)
    {
        if (TryClaim())
        {
            _completion.SetResult();
        }
    }
}
