using System.Text;
using System.Text.Json;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.CodeGen.Tests.Infrastructure;

/// <summary>Runs a request's JSON argument and result codecs over strings.</summary>
internal static class RequestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Arguments(Request request) => Write(writer => request.WriteArguments(writer, Options));

    public static string Result(Request request, Task completed) => Write(writer => request.WriteResult(completed, writer, Options));

    /// <summary>Reads <paramref name="arguments"/> into <paramref name="request"/> the way the runtime will: from
    /// inside a larger message, checking the reader is left on the array's end so the message can go on.</summary>
    public static void ReadArguments(Request request, string arguments)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("{\"args\":" + arguments + ",\"after\":1}"));
        reader.Read();
        reader.Read();
        reader.Read();
        request.ReadArguments(ref reader, Options);
        Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal("after", reader.GetString());
    }

    public static TResult ReadResult<TResult>(Request<TResult> request, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return request.ReadResult(ref reader, Options);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
