using System.Text;
using EdgeHive.Cloud.Portal.Bulk;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>RFC 4180 reading and writing, without the device format on top.</summary>
public sealed class CsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        Assert.True(Csv.TryRead("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,end", out var records, out var error), error);

        Assert.Equal(3, records.Count);
        Assert.Equal(["x,1", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["last", "", "end"], records[2].Fields);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void Blank_lines_and_a_byte_order_mark_are_skipped()
    {
        Assert.True(Csv.TryRead("\uFEFFname\n\nfirst\r\n\r\nsecond\n", out var records, out _));

        Assert.Equal(["name", "first", "second"], records.Select(r => r.Fields[0]));
        Assert.Equal([1, 3, 5], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData("a,\"open\nb", "line 1: a quoted field is not closed")]
    [InlineData("a\n\"x\"y,b", "line 2: text after a closing quote")]
    [InlineData("a\nx\"y", "line 2: a quote inside an unquoted field")]
    public void Broken_quoting_names_the_line(string text, string expected)
    {
        Assert.False(Csv.TryRead(text, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_records_read_back_to_the_same_fields()
    {
        string?[] values = ["plain", "with,comma", "with \"quote\"", "multi\r\nline", "", null];
        var text = new StringBuilder().Append(Csv.FormatRecord(values)).Append(Csv.FormatRecord(["2"])).ToString();

        Assert.StartsWith("plain,\"with,comma\",\"with \"\"quote\"\"\",\"multi\r\nline\",,\r\n", text, StringComparison.Ordinal);
        Assert.True(Csv.TryRead(text, out var records, out _));
        Assert.Equal(["plain", "with,comma", "with \"quote\"", "multi\r\nline", "", ""], records[0].Fields);
        Assert.Equal(3, records[1].Line);
    }
}
