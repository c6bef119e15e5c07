using System.Text;
using EdgeHive.Edge.Agent.Edged.Runtime;

namespace EdgeHive.Edge.Agent.Tests.Edged;

public sealed class LogFormatTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 4, 5, 6, 7, 123, TimeSpan.Zero);

    [Fact]
    public void Records_are_written_in_cri_format_and_parse_back()
    {
        var buffer = new byte[256];
        var length = CriLogFormat.Write(buffer, Time, CriLogFormat.Stderr, partial: false, "hello world"u8);
        Assert.Equal("2026-03-04T05:06:07.1230000Z stderr F hello world\n", Encoding.ASCII.GetString(buffer, 0, length));

        Assert.True(CriLogFormat.TryParse(buffer.AsSpan(0, length - 1), out var time, out var stream, out var partial, out var content));
        Assert.Equal(Time, time);
        Assert.Equal(CriLogFormat.Stderr, stream);
        Assert.False(partial);
        Assert.Equal("hello world", Encoding.UTF8.GetString(content));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-03-04T05:06:07.1230000Z stdin F x")]
    [InlineData("2026-03-04T05:06:07.1230000Z stdout X x")]
    [InlineData("not a time at all, not at all stdout F x")]
    [InlineData("2026-03-04T05:06:0")]
    public void Foreign_or_torn_lines_do_not_parse(string line) =>
        Assert.False(CriLogFormat.TryParse(Encoding.ASCII.GetBytes(line), out _, out _, out _, out _));

    [Fact]
    public void Splitter_cuts_lines_across_chunks()
    {
        var lines = new List<(string, bool)>();
        var splitter = new LogLineSplitter(64);
        LogLineHandler collect = (content, partial) => lines.Add((Encoding.UTF8.GetString(content), partial));
        splitter.Feed("one\ntw"u8, collect);
        splitter.Feed("o\n\nthr"u8, collect);
        splitter.Feed("ee"u8, collect);
        Assert.Equal([("one", false), ("two", false), ("", false)], lines);
        splitter.Flush(collect);
        Assert.Equal(("three", false), lines[^1]);
    }

    [Fact]
    public void Splitter_passes_long_lines_on_in_pieces_of_the_limit()
    {
        var lines = new List<(string, bool)>();
        var splitter = new LogLineSplitter(4);
        LogLineHandler collect = (content, partial) => lines.Add((Encoding.UTF8.GetString(content), partial));
        splitter.Feed("abcdefghij\nxy"u8, collect);
        splitter.Feed("zw\n"u8, collect);
        Assert.Equal([("abcd", true), ("efgh", true), ("ij", false), ("xyzw", false)], lines);
    }

    [Fact]
    public void Tail_joins_pieces_and_skips_torn_lines()
    {
        var file = new MemoryStream();
        void Record(string stream, bool partial, string text)
        {
            var buffer = new byte[256];
            file.Write(buffer, 0, CriLogFormat.Write(buffer, Time, stream, partial, Encoding.UTF8.GetBytes(text)));
        }

        Record(CriLogFormat.Stdout, true, "long ");
        Record(CriLogFormat.Stderr, false, "error");
        Record(CriLogFormat.Stdout, false, "line");
        file.Write("2026-03-04T05:06:07.12"u8);
        var lines = LogTail.Parse(file.ToArray());
        Assert.Equal([new(Time, "stderr", "error"), new(Time, "stdout", "long line")], lines);
    }
}
