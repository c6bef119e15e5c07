using System.Text;
using EdgeHive.Cloud.Portal.Bulk;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>The import file formats: every row is checked on its own and a bad row names its line and column.</summary>
public sealed class DeviceFileParserTests
{
    private const string Header = "namespace,name,model,node,labels,protocol,protocolConfig,desired\n";

    [Fact]
    public void Csv_row_with_every_column_becomes_a_device_record()
    {
        var result = ParseCsv(Header + "plant,pump-1,pump,edge-1,zone=north;floor=2,modbus,\"{ \"\"slave\"\": 1 }\",\"{\"\"speed\"\": 1200, \"\"on\"\": true, \"\"mode\"\": \"\"eco\"\"}\"\n");

        Assert.Null(result.FileError);
        Assert.Empty(result.Errors);
        var row = Assert.Single(result.Records);
        Assert.Equal(2, row.Line);
        Assert.Equal("plant/pump-1", row.Key);
        Assert.Equal("pump", row.Model);
        Assert.Equal("edge-1", row.Node);
        Assert.Equal(new Dictionary<string, string> { ["zone"] = "north", ["floor"] = "2" }, row.Labels);
        Assert.Equal("modbus", row.Protocol!.Name);
        Assert.Equal("{\"slave\":1}", row.Protocol.Config);
        Assert.Equal(new Dictionary<string, string?> { ["speed"] = "1200", ["on"] = "true", ["mode"] = "eco" }, row.Desired);
    }

    [Fact]
    public void Csv_desired_columns_set_one_property_each_and_empty_cells_are_left_out()
    {
        var result = ParseCsv("name,model,desired.target,desired.enabled\nthermo-1,thermostat,21.5,\n");

        var row = Assert.Single(result.Records);
        Assert.Equal("default", row.Namespace);
        Assert.Null(row.Node);
        Assert.Equal(new Dictionary<string, string?> { ["target"] = "21.5" }, row.Desired);
    }

    [Fact]
    public void Bad_rows_report_their_line_while_good_rows_still_parse()
    {
        var result = ParseCsv(Header
            + "default,ok-1,thermostat,,,,,\n"
            + "default,bad-json,thermostat,,,modbus,{not json,\n"
            + "default,\"multi\nline-name\",thermostat,,,,,\n"
            + "default,bad-labels,thermostat,,zone,,,\n"
            + "default,,,,,,,\n"
            + "default,short,thermostat\n"
            + "default,bad-desired,thermostat,,,,,\"{\"\"target\"\": [1]}\"\n"
            + "default,ok-2,thermostat,,,,,\n");

        Assert.Equal(["ok-1", "ok-2"], result.Records.Select(r => r.Name));
        Assert.Equal(10, result.Records[1].Line);
        var errors = result.Errors.ToDictionary(e => e.Line, e => e.Message);
        Assert.Equal([3, 4, 6, 7, 8, 9], errors.Keys.Order());
        Assert.StartsWith("protocolConfig: not valid JSON", errors[3], StringComparison.Ordinal);
        Assert.StartsWith("name: 'multi\nline-name' must consist of lower-case letters", errors[4], StringComparison.Ordinal);
        Assert.Equal("labels: 'zone' is not key=value", errors[6]);
        Assert.Equal("name: required; model: required", errors[7]);
        Assert.Equal("has 3 fields, the header has 8", errors[8]);
        Assert.Equal("desired.target: must be a string, number, boolean or null, not an array", errors[9]);
        Assert.Equal(8, result.RowCount);
    }

    [Fact]
    public void Rows_break_the_clusters_name_and_label_rules_before_anything_is_written()
    {
        var result = ParseCsv(Header
            + "Plant,pump-1,pump,,,,,\n"
            + "default,pump-2,Pump_Model,edge_1,,,,\n"
            + "default,pump-3,pump,,-zone=north;ok=fine;tier=a b,,,\n"
            + "default,pump-4,pump,edge-1,example.com/zone=north,,,\n");

        Assert.Equal(["pump-4"], result.Records.Select(r => r.Name));
        var errors = result.Errors.ToDictionary(e => e.Line, e => e.Message);
        Assert.StartsWith("namespace: 'Plant' must consist of lower-case letters", errors[2], StringComparison.Ordinal);
        Assert.Contains("model: 'Pump_Model' must consist of lower-case letters", errors[3], StringComparison.Ordinal);
        Assert.Contains("node: 'edge_1' must consist of lower-case letters", errors[3], StringComparison.Ordinal);
        Assert.Contains("labels.-zone: label key name must be", errors[4], StringComparison.Ordinal);
        Assert.Contains("labels.tier: label value must be", errors[4], StringComparison.Ordinal);
        Assert.DoesNotContain("labels.ok", errors[4], StringComparison.Ordinal);
    }

    [Fact]
    public void More_labels_than_a_device_may_have_refuse_the_row()
    {
        var labels = string.Join(';', Enumerable.Range(0, 65).Select(i => $"k{i}=v"));
        var result = ParseCsv(Header + $"default,pump-1,pump,,{labels},,,\n");

        Assert.Empty(result.Records);
        Assert.Equal("labels: at most 64 labels are allowed", Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("name,model,colour\nx,y,red\n", "line 1: unknown column 'colour'")]
    [InlineData("name,node\nx,y\n", "line 1: the header needs at least the columns 'name' and 'model'")]
    [InlineData("name,model,\"open\nx,y\n", "Not valid CSV: line 1: a quoted field is not closed")]
    [InlineData("", "The file is empty")]
    public void Csv_file_errors_refuse_the_whole_file(string text, string expected)
    {
        var result = ParseCsv(text);

        Assert.StartsWith(expected, result.FileError, StringComparison.Ordinal);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void More_rows_than_the_limit_refuses_the_file()
    {
        var csv = "name,model\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"d-{i},m\n"));

        Assert.Equal(DeviceFileParser.TooManyRows(3), DeviceFileParser.Parse(Encoding.UTF8.GetBytes(csv), DeviceFileFormat.Csv, maxRows: 3).FileError);
        Assert.Null(DeviceFileParser.Parse(Encoding.UTF8.GetBytes(csv), DeviceFileFormat.Csv, maxRows: 4).FileError);
        var json = "[" + string.Join(',', Enumerable.Range(0, 4).Select(i => $"{{\"name\":\"d-{i}\",\"model\":\"m\"}}")) + "]";
        Assert.Equal(DeviceFileParser.TooManyRows(3), DeviceFileParser.Parse(Encoding.UTF8.GetBytes(json), DeviceFileFormat.Json, maxRows: 3).FileError);
    }

    [Fact]
    public void Json_rows_are_typed_and_a_wrong_type_is_the_rows_error_with_its_line()
    {
        const string json = """
            [
              { "namespace": "plant", "name": "pump-1", "model": "pump", "node": "edge-1",
                "labels": { "zone": "north" }, "protocol": { "name": "modbus", "config": { "slave": 1 } },
                "desired": { "speed": 1200, "mode": null }, "state": "ok" },
              { "name": "pump-2", "model": "pump", "labels": { "zone": 7 } },
              { "name": "pump-3", "model": 5, "colour": "red" },
              "not an object",
              { "name": "pump-4", "model": "pump", "protocol": { "config": { "a": 1 } } }
            ]
            """;

        var result = DeviceFileParser.Parse(Encoding.UTF8.GetBytes(json), DeviceFileFormat.Json);

        Assert.Null(result.FileError);
        var row = Assert.Single(result.Records);
        Assert.Equal(2, row.Line);
        Assert.Equal("plant/pump-1", row.Key);
        Assert.Equal("{\"slave\":1}", row.Protocol!.Config);
        Assert.Equal(new Dictionary<string, string?> { ["speed"] = "1200", ["mode"] = null }, row.Desired);
        var errors = result.Errors.ToDictionary(e => e.Line, e => e.Message);
        Assert.Equal("labels.zone: must be a string, not a number", errors[5]);
        Assert.Equal("model: must be a string, not a number; colour: unknown field; model: required", errors[6]);
        Assert.Equal("a device must be a JSON object, not a string; name: required; model: required", errors[7]);
        Assert.Equal("protocol: a protocolConfig needs a protocol name", errors[8]);
    }

    [Fact]
    public void Json_syntax_error_refuses_the_file_naming_the_line()
    {
        var result = DeviceFileParser.Parse(Encoding.UTF8.GetBytes("[\n{ \"name\": \"a\", \"model\": \"m\" },\n{ \"name\": }\n]"), DeviceFileFormat.Json);

        Assert.StartsWith("Not valid JSON: line 3:", result.FileError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("devices.json", "name,model", "Json")]
    [InlineData("devices.CSV", "[]", "Csv")]
    [InlineData("upload", "  \n[ {} ]", "Json")]
    [InlineData(null, "name,model", "Csv")]
    public void Format_comes_from_the_extension_or_the_first_character(string? fileName, string content, string expected) =>
        Assert.Equal(expected, DeviceFileParser.Detect(fileName, Encoding.UTF8.GetBytes(content)).ToString());

    private static DeviceFileParseResult ParseCsv(string text) => DeviceFileParser.Parse(Encoding.UTF8.GetBytes(text), DeviceFileFormat.Csv);
}
