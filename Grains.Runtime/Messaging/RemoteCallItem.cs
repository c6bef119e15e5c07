using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.Networking;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>A request that arrived over a connection; its outcome is written back as a response frame on it.</summary>
internal sealed class RemoteCallItem : CallItem
{
    private int _completed;

    /// <summary>The connection the request came in on.</summary>
    public required Connection Origin { get; init; }

    /// <summary>The request frame's id, echoed by the response.</summary>
    public required long OriginId { get; init; }

    /// <summary>The request's argument bytes, reused when the request is forwarded to another silo.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Forwards so far.</summary>
    public int ForwardCount { get; init; }

    /// <summary>Serializer settings for results.</summary>
    public required System.Text.Json.JsonSerializerOptions JsonOptions { get; init; }

    /// <inheritdoc />
    public override void Complete(Task completed)
    {
        if (IsOneWay || Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        if (completed.IsCompletedSuccessfully)
        {
            byte[] body;
            try
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                {
                    Request.WriteResult(completed, writer, JsonOptions);
                }

                body = buffer.WrittenSpan.ToArray();
            }
            catch (Exception ex)
            {
                Respond(ResponseStatus.Error, ExceptionCodec.Write(new GrainCallFailedException($"The result of {Describe()} could not be serialized: {ex.Message}", ex)));
                return;
            }

            Respond(ResponseStatus.Ok, body);
        }
        else
        {
            var exception = completed.IsCanceled
                ? new OperationCanceledException($"{Describe()} was canceled.")
                : completed.Exception!.InnerException ?? completed.Exception;
            Respond(exception is GrainCallTimeoutException ? ResponseStatus.Timeout : ResponseStatus.Error, ExceptionCodec.Write(exception));
        }
    }

    /// <inheritdoc />
    public override void Fail(Exception exception)
    {
        if (IsOneWay || Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        Respond(exception is GrainCallTimeoutException ? ResponseStatus.Timeout : ResponseStatus.Error, ExceptionCodec.Write(exception));
    }

    /// <summary>Relays a response received for this request after it was forwarded to another silo.</summary>
    public void Relay(ResponseStatus status, ReadOnlyMemory<byte> body)
    {
        if (IsOneWay || Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        Respond(status, body);
    }

    private void Respond(ResponseStatus status, ReadOnlyMemory<byte> body)
    {
        var response = new Message { Kind = MessageKind.Response, Id = OriginId, Status = status, Body = body };
        try
        {
            // SendAsync, not Send: a full send queue waits for room instead of losing the response.
            var sending = Origin.SendAsync(response);
            if (!sending.IsCompletedSuccessfully)
            {
                sending.AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            }
        }
        catch (MessageTooLargeException ex)
        {
            Origin.SendAsync(new Message
            {
                Kind = MessageKind.Response,
                Id = OriginId,
                Status = ResponseStatus.Error,
                Body = ExceptionCodec.Write(new GrainCallFailedException($"The response of {Describe()} is too large: {ex.Message}")),
            }).AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The caller's connection is gone; the caller fails its call on its side.
        }
    }

    /// <summary>Request flags, for forwarding.</summary>
    public RequestFlags Flags => Request.Flags;
}
