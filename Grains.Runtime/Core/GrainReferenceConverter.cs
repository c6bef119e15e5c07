using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.Runtime;

/// <summary>
/// Lets grain references (including observer references) be arguments and results of grain calls: written as
/// {"grain":"type/key","interface":"name"} and read back as a proxy bound to the receiving process's invoker.
/// </summary>
internal sealed class GrainReferenceConverterFactory(Func<IGrainCallInvoker> invoker) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeof(GrainReference).IsAssignableFrom(typeToConvert) ||
        (typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), invoker)!;

    private sealed class Converter<T>(Func<IGrainCallInvoker> invoker) : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }

            string? grain = null, iface = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A grain reference must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "grain")
                {
                    grain = reader.GetString();
                }
                else if (name == "interface")
                {
                    iface = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (grain is null || iface is null || !GrainInterfaceRegistry.TryGet(iface, out var info))
            {
                throw new JsonException($"Unknown grain reference (interface '{iface}').");
            }

            return (T)(object)info.CreateProxy(invoker(), GrainId.Parse(grain));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference)
            {
                throw new JsonException($"Only grain references (proxies) can be serialized as {typeof(T).Name}; got {value?.GetType().Name}.");
            }

            writer.WriteStartObject();
            writer.WriteString("grain", reference.GrainId.ToString());
            writer.WriteString("interface", reference.InterfaceName);
            writer.WriteEndObject();
        }
    }
}
