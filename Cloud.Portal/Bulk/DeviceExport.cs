using System.Text;
using System.Text.Json;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Writes the devices matching a grid filter as CSV or JSON in the import format, so an export imports back unchanged.
/// Reads page by page through <see cref="IPortalBackend.ListDevicesAsync"/> and flushes each page: memory stays at one
/// page however many devices match.
/// </summary>
internal static class DeviceExport
{
    /// <summary>Devices read per backend call.</summary>
    public const int PageSize = 200;

    /// <summary>The CSV header, in the column order of <see cref="CsvFields"/>.</summary>
    public static readonly string[] CsvHeader = ["namespace", "name", "model", "node", "labels", "protocol", "protocolConfig", "desired", "state"];

    /// <summary>The request for the page after <paramref name="cursor"/> (null: the first page).</summary>
    public static PageRequest Page(string? cursor) => new("name", false, PageSize, cursor);

    /// <summary>Writes <paramref name="first"/> (read with <see cref="Page"/>(null)) and the pages after it.</summary>
    public static async Task WriteAsync(
        IPortalBackend backend, DeviceFilter filter, PortalPage<Device> first, DeviceFileFormat format, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        if (format == DeviceFileFormat.Csv)
        {
            await WriteTextAsync(output, Csv.FormatRecord(CsvHeader), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            json.WriteStartArray();
        }

        var page = first;
        while (true)
        {
            if (format == DeviceFileFormat.Csv)
            {
                var text = new StringBuilder();
                foreach (var device in page.Items)
                {
                    text.Append(Csv.FormatRecord(CsvFields(device)));
                }

                await WriteTextAsync(output, text.ToString(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                foreach (var device in page.Items)
                {
                    WriteJson(json, device);
                }

                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (page.NextCursor is null)
            {
                break;
            }

            page = await backend.ListDevicesAsync(filter, Page(page.NextCursor), cancellationToken).ConfigureAwait(false);
        }

        if (format == DeviceFileFormat.Json)
        {
            json.WriteEndArray();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One device as CSV fields, in <see cref="CsvHeader"/> order.</summary>
    public static string?[] CsvFields(Device device) =>
    [
        device.Namespace,
        device.Name,
        device.Spec.Model,
        device.Spec.NodeName,
        string.Join(';', device.Spec.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)),
        device.Spec.Protocol?.Name,
        device.Spec.Protocol?.Config,
        device.Spec.Desired.Count == 0 ? null : JsonSerializer.Serialize(device.Spec.Desired.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary()),
        device.Status.State.ToString().ToLowerInvariant(),
    ];

    /// <summary>One device as a JSON object of the import format.</summary>
    public static void WriteJson(Utf8JsonWriter writer, Device device)
    {
        writer.WriteStartObject();
        writer.WriteString("namespace", device.Namespace);
        writer.WriteString("name", device.Name);
        writer.WriteString("model", device.Spec.Model);
        writer.WriteString("node", device.Spec.NodeName);
        writer.WriteStartObject("labels");
        foreach (var (key, value) in device.Spec.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        if (device.Spec.Protocol is { } protocol)
        {
            writer.WriteStartObject("protocol");
            writer.WriteString("name", protocol.Name);
            writer.WritePropertyName("config");
            if (protocol.Config is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(protocol.Config);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("protocol");
        }

        writer.WriteStartObject("desired");
        foreach (var (key, value) in device.Spec.Desired.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteString("state", device.Status.State.ToString().ToLowerInvariant());
        writer.WriteEndObject();
    }

    private static async Task WriteTextAsync(Stream output, string text, CancellationToken cancellationToken) =>
        await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
}
