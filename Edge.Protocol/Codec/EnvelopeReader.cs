using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Reads one envelope from a parsed JSON element. Every problem becomes a <see cref="ProtocolError"/> whose reason
/// names the field by its path (for example <c>[2].header.id</c>); nothing here throws for bad input.
/// </summary>
internal static class EnvelopeReader
{
    public static bool TryRead(
        JsonElement element,
        int? index,
        MessageDirection? incoming,
        [NotNullWhen(true)] out EdgeMessage? message,
        [NotNullWhen(false)] out ProtocolError? error)
    {
        message = null;
        var path = index is null ? "" : $"[{index}].";
        string? id = null;
        error = Read(element, path, incoming, ref id, ref message);
        if (error is null && message is not null)
        {
            return true;
        }

        error = (error ?? Bad($"{path}envelope is unreadable")) with { MessageId = id, Index = index };
        return false;
    }

    private static ProtocolError? Read(
        JsonElement element, string path, MessageDirection? incoming, ref string? id, ref EdgeMessage? message)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Bad($"{(path.Length == 0 ? "frame" : path.TrimEnd('.'))} is {Describe(element)}, not an envelope object");
        }

        if (!TryObject(element, EnvelopeFields.Header, path, out var header, out var error)
            || !TryString(header, EnvelopeFields.Id, path + "header.", required: true, out id, out error)
            || !TryString(header, EnvelopeFields.ParentId, path + "header.", required: false, out var parentId, out error)
            || !TryInt64(header, EnvelopeFields.Timestamp, path + "header.", required: true, out var timestamp, out error)
            || !TryInt64(header, EnvelopeFields.ResourceVersion, path + "header.", required: false, out var version, out error)
            || !TryBoolean(header, EnvelopeFields.Sync, path + "header.", out var sync, out error)
            || !TryObject(element, EnvelopeFields.Route, path, out var route, out error)
            || !TryString(route, EnvelopeFields.Source, path + "route.", required: true, out var source, out error)
            || !TryString(route, EnvelopeFields.Group, path + "route.", required: true, out var group, out error)
            || !TryString(route, EnvelopeFields.Operation, path + "route.", required: true, out var operation, out error)
            || !TryString(route, EnvelopeFields.Resource, path + "route.", required: false, out var resource, out error)
            || !TryString(element, EnvelopeFields.Kind, path, required: true, out var kind, out error))
        {
            return error;
        }

        if (!EdgeMessageKinds.TryGet(kind!, out var info))
        {
            return Bad($"{path}kind '{kind}' is unknown");
        }

        if (incoming is { } direction && !info.Allows(direction))
        {
            return Bad($"{path}kind '{kind}' may not be sent {direction.ToString().ToLowerInvariant()}");
        }

        if (!element.TryGetProperty(EnvelopeFields.Content, out var contentElement)
            || contentElement.ValueKind != JsonValueKind.Object)
        {
            return Bad($"{path}content of kind '{kind}' is {DescribeMember(element, EnvelopeFields.Content)}, not an object");
        }

        EdgePayload content;
        try
        {
            content = (EdgePayload)JsonSerializer.Deserialize(contentElement, info.TypeInfo)!;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return Bad($"{path}content of kind '{kind}' is invalid: {ex.Message}");
        }

        message = new EdgeMessage
        {
            Header = new MessageHeader
            {
                Id = id!,
                ParentId = parentId,
                Timestamp = timestamp,
                ResourceVersion = version,
                Sync = sync,
            },
            Route = new MessageRoute
            {
                Source = source!,
                Group = group!,
                Operation = operation!,
                Resource = resource ?? "",
            },
            Content = content,
        };
        return null;
    }

    private static bool TryObject(
        JsonElement parent, string name, string path, out JsonElement value, [NotNullWhen(false)] out ProtocolError? error)
    {
        error = null;
        if (parent.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        error = Bad($"{path}{name} is {DescribeMember(parent, name)}, not an object");
        return false;
    }

    private static bool TryString(
        JsonElement parent, string name, string path, bool required, out string? value, [NotNullWhen(false)] out ProtocolError? error)
    {
        value = null;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (!required)
            {
                return true;
            }
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString();
            if (!required || !string.IsNullOrEmpty(value))
            {
                return true;
            }
        }

        error = Bad($"{path}{name} is {DescribeMember(parent, name)}, not a{(required ? " non-empty" : "")} string");
        return false;
    }

    private static bool TryInt64(
        JsonElement parent, string name, string path, bool required, out long value, [NotNullWhen(false)] out ProtocolError? error)
    {
        value = 0;
        error = null;
        if (!parent.TryGetProperty(name, out var element))
        {
            if (!required)
            {
                return true;
            }
        }
        else if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value) && value >= 0)
        {
            return true;
        }

        error = Bad($"{path}{name} is {DescribeMember(parent, name)}, not a non-negative integer");
        return false;
    }

    private static bool TryBoolean(
        JsonElement parent, string name, string path, out bool value, [NotNullWhen(false)] out ProtocolError? error)
    {
        value = false;
        error = null;
        if (!parent.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }

        error = Bad($"{path}{name} is {Describe(element)}, not a boolean");
        return false;
    }

    private static string DescribeMember(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var element) ? Describe(element) : "missing";

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => element.GetString()?.Length == 0 ? "an empty string" : "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    private static ProtocolError Bad(string reason) => new(ErrorCodes.BadRequest, reason);
}
