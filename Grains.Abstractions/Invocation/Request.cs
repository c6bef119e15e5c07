using System.Text.Json;

namespace EdgeHive.Grains.Invocation;

/// <summary>
/// One method call on a grain interface, with its arguments as typed fields. The source generator emits one sealed
/// subclass per interface method; the runtime invokes it locally without serializing, or writes its arguments as a JSON
/// array when the target lives on another silo.
/// </summary>
public abstract class Request
{
    /// <summary>Stable name of the declaring interface (its full type name).</summary>
    public abstract string InterfaceName { get; }

    /// <summary>Index of the method among the interface's own methods, in declaration order.</summary>
    public abstract int MethodId { get; }

    /// <summary>The method name, for errors and logs.</summary>
    public abstract string MethodName { get; }

    /// <summary>Scheduling flags from the method's attributes.</summary>
    public virtual RequestFlags Flags => RequestFlags.None;

    /// <summary>Writes the arguments as one JSON array.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Reads the arguments from a JSON array. The reader is positioned on the array's start token and is
    /// left on its end token.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Calls the method on <paramref name="target"/>. The returned task is a <see cref="Task{TResult}"/>
    /// for methods with a result.</summary>
    public abstract Task Invoke(object target);

    /// <summary>Writes the result of a completed <see cref="Invoke"/> task as JSON (null for methods without one).</summary>
    public virtual void WriteResult(Task completed, Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNullValue();
    }

    /// <inheritdoc />
    public override string ToString() => InterfaceName + "." + MethodName;
}

/// <summary>A request whose method returns a value of type <typeparamref name="TResult"/>.</summary>
public abstract class Request<TResult> : Request
{
    /// <inheritdoc />
    public override void WriteResult(Task completed, Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        var value = ((Task<TResult>)completed).Result;
        JsonSerializer.Serialize(writer, value, options);
    }

    /// <summary>Reads a result written by <see cref="WriteResult"/>.</summary>
    public TResult ReadResult(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<TResult>(ref reader, options)!;
}
