using System.Diagnostics.CodeAnalysis;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// One protocol message: header, route and a typed content whose <see cref="EdgePayload.Kind"/> names the message kind.
/// Modelled on KubeEdge's beehive <c>model.Message</c>; built with <see cref="EdgeMessageFactory"/>, encoded and decoded
/// with <see cref="EdgeMessageCodec"/>.
/// </summary>
public sealed record EdgeMessage
{
    /// <summary>Identity, correlation and version.</summary>
    public required MessageHeader Header { get; init; }

    /// <summary>Who sent it and which module handles it.</summary>
    public required MessageRoute Route { get; init; }

    /// <summary>The typed payload.</summary>
    public required EdgePayload Content { get; init; }

    /// <summary>Shortcut for <see cref="MessageHeader.Id"/>.</summary>
    public string Id => Header.Id;

    /// <summary>The message kind, taken from the content.</summary>
    public string Kind => Content.Kind;

    /// <summary>Returns the content as <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The message is of another kind.</exception>
    public T GetContent<T>()
        where T : EdgePayload
    {
        return Content as T
            ?? throw new InvalidOperationException(
                $"Message '{Header.Id}' is of kind '{Kind}', not {typeof(T).Name}.");
    }

    /// <summary>Returns the content as <typeparamref name="T"/> when the message is of that kind.</summary>
    public bool TryGetContent<T>([NotNullWhen(true)] out T? content)
        where T : EdgePayload
    {
        content = Content as T;
        return content is not null;
    }
}
