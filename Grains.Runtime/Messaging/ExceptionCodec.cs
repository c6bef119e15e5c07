using Orleans.Storage;
using System.Collections.Concurrent;
using System.Text.Json;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Turns an exception thrown by a grain into JSON for a response frame and back. Exception types the caller can
/// recreate from a message keep their type (so <c>catch (InconsistentStateException)</c> works across silos); others
/// arrive as <see cref="GrainCallFailedException"/> naming the original type.
/// </summary>
public static class ExceptionCodec
{
    private static readonly ConcurrentDictionary<string, Func<string, Exception>> Factories = new(StringComparer.Ordinal)
    {
        [typeof(ArgumentException).FullName!] = m => new ArgumentException(m),
        [typeof(ArgumentNullException).FullName!] = m => new ArgumentNullException(null, m),
        [typeof(ArgumentOutOfRangeException).FullName!] = m => new ArgumentOutOfRangeException(null, m),
        [typeof(InvalidOperationException).FullName!] = m => new InvalidOperationException(m),
        [typeof(KeyNotFoundException).FullName!] = m => new KeyNotFoundException(m),
        [typeof(NotSupportedException).FullName!] = m => new NotSupportedException(m),
        [typeof(NotImplementedException).FullName!] = m => new NotImplementedException(m),
        [typeof(FormatException).FullName!] = m => new FormatException(m),
        [typeof(TimeoutException).FullName!] = m => new TimeoutException(m),
        [typeof(UnauthorizedAccessException).FullName!] = m => new UnauthorizedAccessException(m),
        [typeof(OperationCanceledException).FullName!] = m => new OperationCanceledException(m),
        [typeof(GrainCallTimeoutException).FullName!] = m => new GrainCallTimeoutException(m),
        [typeof(InconsistentStateException).FullName!] = m => new InconsistentStateException(m),
        [typeof(GrainCallFailedException).FullName!] = m => new GrainCallFailedException(m),
    };

    /// <summary>Lets exceptions of type <typeparamref name="TException"/> keep their type across silos.</summary>
    public static void Register<TException>(Func<string, TException> create) where TException : Exception =>
        Factories[typeof(TException).FullName!] = create;

    /// <summary>Writes {"type","message","stack"}.</summary>
    internal static byte[] Write(Exception exception)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", exception.GetType().FullName);
            writer.WriteString("message", exception.Message);
            writer.WriteString("stack", exception.StackTrace);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Recreates the exception described by <paramref name="body"/>.</summary>
    internal static Exception Read(ReadOnlySpan<byte> body, string context)
    {
        string? type = null, message = null, stack = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var name = reader.GetString();
                reader.Read();
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                switch (name)
                {
                    case "type": type = value; break;
                    case "message": message = value; break;
                    case "stack": stack = value; break;
                }
            }
        }
        catch (JsonException)
        {
            return new GrainCallFailedException($"{context} failed with an unreadable error response.");
        }

        message ??= "(no message)";
        if (type is not null && Factories.TryGetValue(type, out var create))
        {
            return create(message);
        }

        return new GrainCallFailedException($"{context} failed remotely with {type}: {message}")
        {
            RemoteExceptionType = type,
            RemoteStackTrace = stack,
        };
    }
}
