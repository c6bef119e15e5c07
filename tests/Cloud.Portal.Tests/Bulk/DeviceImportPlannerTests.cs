using System.Text;
using EdgeHive.Cloud.Portal.Bulk;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>What an import does per row, given the models and devices that exist.</summary>
public sealed class DeviceImportPlannerTests
{
    private static readonly Dictionary<string, DeviceModel> Models = new()
    {
        ["default/thermostat"] = Model("thermostat",
            new DeviceModelProperty("target", PropertyType.Double, AccessMode.ReadWrite, "°C", 5, 30, null),
            new DeviceModelProperty("temperature", PropertyType.Double, AccessMode.ReadOnly, "°C", null, null, null),
            new DeviceModelProperty("enabled", PropertyType.Boolean, AccessMode.ReadWrite, null, null, null, null),
            new DeviceModelProperty("steps", PropertyType.Int, AccessMode.ReadWrite, null, 0, 10, null)),
    };

    [Fact]
    public void New_device_is_created_and_existing_devices_are_updated_or_left_alone()
    {
        var existing = new Dictionary<string, Device>
        {
            ["default/same"] = Device("same", "edge-1", new() { ["zone"] = "north" }, new() { ["target"] = "20" }, version: 4),
            ["default/moved"] = Device("moved", "edge-1", new() { ["zone"] = "north" }, new() { ["target"] = "20", ["enabled"] = "true" }, version: 7),
        };
        var steps = Plan(
            "name,model,node,labels,desired.target\n"
            + "fresh,thermostat,edge-2,zone=south,21\n"
            + "same,thermostat,edge-1,zone=north,\n"
            + "moved,thermostat,edge-2,zone=north,22\n",
            existing);

        Assert.Equal([DeviceImportAction.Create, DeviceImportAction.Unchanged, DeviceImportAction.Update], steps.Select(s => s.Action));
        Assert.Equal("edge-2", steps[0].Spec!.NodeName);
        Assert.Equal(new Dictionary<string, string> { ["target"] = "21" }, steps[0].Spec!.Desired);
        Assert.Null(steps[1].Spec);
        // Desired values the row does not name stay; the update is conditional on the version that was read.
        Assert.Equal(new Dictionary<string, string> { ["target"] = "22", ["enabled"] = "true" }, steps[2].Spec!.Desired);
        Assert.Equal(existing["default/moved"].ETag, steps[2].IfMatch);
    }

    [Fact]
    public void Unknown_model_unknown_property_read_only_and_wrong_types_fail_their_row()
    {
        var steps = Plan(
            "name,model,desired\n"
            + "a,valve,\n"
            + "b,thermostat,\"{\"\"colour\"\":\"\"red\"\"}\"\n"
            + "c,thermostat,\"{\"\"temperature\"\":\"\"20\"\"}\"\n"
            + "d,thermostat,\"{\"\"target\"\":\"\"warm\"\",\"\"enabled\"\":\"\"yes\"\",\"\"steps\"\":2.5}\"\n"
            + "e,thermostat,\"{\"\"target\"\":99}\"\n"
            + "f,thermostat,\"{\"\"target\"\":29.5,\"\"enabled\"\":false,\"\"steps\"\":3}\"\n",
            []);

        Assert.Equal("model: unknown model 'valve' in namespace default", steps[0].Reason);
        Assert.Equal("desired.colour: model thermostat has no such property", steps[1].Reason);
        Assert.Equal("desired.temperature: the property is read-only", steps[2].Reason);
        Assert.Equal("desired.target: 'warm' is not a number; desired.enabled: 'yes' is not a boolean (true or false); desired.steps: '2.5' is not an integer", steps[3].Reason);
        Assert.Equal("desired.target: 99 is above the maximum 30", steps[4].Reason);
        Assert.Equal([.. Enumerable.Repeat(DeviceImportAction.Fail, 5), DeviceImportAction.Create], steps.Select(s => s.Action));
        Assert.Equal([2, 3, 4, 5, 6, 7], steps.Select(s => s.Line));
    }

    [Fact]
    public void Second_row_for_the_same_device_fails_and_names_the_first()
    {
        var steps = Plan("name,model\nx,thermostat\ny,thermostat\nx,thermostat\n", []);

        Assert.Equal([DeviceImportAction.Create, DeviceImportAction.Create, DeviceImportAction.Fail], steps.Select(s => s.Action));
        Assert.Equal("device default/x is already in this file (line 2)", steps[2].Reason);
    }

    [Fact]
    public void Parse_errors_and_planned_rows_come_out_in_file_order()
    {
        var steps = Plan("name,model,labels\nfirst,thermostat,\n,thermostat,\nthird,thermostat,oops\nfourth,thermostat,\n", []);

        Assert.Equal([2, 3, 4, 5], steps.Select(s => s.Line));
        Assert.Equal([DeviceImportAction.Create, DeviceImportAction.Fail, DeviceImportAction.Fail, DeviceImportAction.Create], steps.Select(s => s.Action));
    }

    [Fact]
    public void Null_desired_value_removes_it_and_counts_as_a_change()
    {
        var existing = new Dictionary<string, Device>
        {
            ["default/d"] = Device("d", null, [], new() { ["target"] = "20", ["enabled"] = "true" }, version: 2),
        };

        var steps = Plan("[{\"name\":\"d\",\"model\":\"thermostat\",\"desired\":{\"enabled\":null}}]", existing, DeviceFileFormat.Json);

        var step = Assert.Single(steps);
        Assert.Equal(DeviceImportAction.Update, step.Action);
        Assert.Equal(new Dictionary<string, string> { ["target"] = "20" }, step.Spec!.Desired);
    }

    [Fact]
    public void Exported_devices_import_back_unchanged()
    {
        var devices = new[]
        {
            Device("with-protocol", "edge-1", new() { ["zone"] = "north", ["floor"] = "2" }, new() { ["target"] = "21.5", ["enabled"] = "true" }, version: 3,
                protocol: new ProtocolConfig("modbus", "{\"slave\":1,\"name\":\"a,\\\"b\\\"\"}")),
            Device("bare", null, [], [], version: 1),
        };
        var existing = devices.ToDictionary(d => d.Key);
        var csv = Csv.FormatRecord(DeviceExport.CsvHeader) + string.Concat(devices.Select(d => Csv.FormatRecord(DeviceExport.CsvFields(d))));
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var device in devices)
            {
                DeviceExport.WriteJson(writer, device);
            }

            writer.WriteEndArray();
        }

        Assert.All(Plan(csv, existing), s => Assert.Equal(DeviceImportAction.Unchanged, s.Action));
        Assert.All(Plan(Encoding.UTF8.GetString(buffer.ToArray()), existing, DeviceFileFormat.Json), s => Assert.Equal(DeviceImportAction.Unchanged, s.Action));
        Assert.Equal(2, Plan(csv, []).Count(s => s.Action == DeviceImportAction.Create));
    }

    private static IReadOnlyList<DeviceImportStep> Plan(string text, Dictionary<string, Device> existing, DeviceFileFormat format = DeviceFileFormat.Csv) =>
        DeviceImportPlanner.Plan(DeviceFileParser.Parse(Encoding.UTF8.GetBytes(text), format), Models, existing);

    private static DeviceModel Model(string name, params DeviceModelProperty[] properties) =>
        new("default", name, new DeviceModelSpec(null, properties), new DeviceModelStatus(0), 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static Device Device(string name, string? node, Dictionary<string, string> labels, Dictionary<string, string> desired, long version, ProtocolConfig? protocol = null) =>
        new("default", name, new DeviceSpec("thermostat", node, protocol, labels, desired), DeviceStatus.Initial, version, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
