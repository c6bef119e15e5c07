using EdgeHive.Cloud.Silo.Domain;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class ETagsTests
{
    [Theory]
    [InlineData(0L, false, "\"0\"")]
    [InlineData(42L, false, "\"42\"")]
    [InlineData(42L, true, "W/\"42\"")]
    [InlineData(long.MaxValue, false, "\"9223372036854775807\"")]
    public void Format_makes_quoted_tags(long version, bool weak, string expected) =>
        Assert.Equal(expected, ETags.Format(version, weak));

    [Theory]
    [InlineData("\"42\"", "42", false)]
    [InlineData("W/\"42\"", "42", true)]
    [InlineData("  \"abc\"  ", "abc", false)]
    [InlineData("\"\"", "", false)]
    [InlineData("\"a,b\"", "a,b", false)]
    public void Parse_accepts_strong_and_weak_tags(string text, string opaque, bool weak)
    {
        Assert.True(ETags.TryParse(text, out var tag));
        Assert.Equal(new EntityTag(opaque, weak), tag);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"42")]
    [InlineData("w/\"42\"")]
    [InlineData("W/42")]
    [InlineData("\"4 2\"")]
    [InlineData("\"4\"2\"")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_refuses_malformed_tags(string? text) => Assert.False(ETags.TryParse(text, out _));

    [Theory]
    [InlineData("*", true, 0)]
    [InlineData("\"1\"", false, 1)]
    [InlineData("\"1\", W/\"2\",\"3\"", false, 3)]
    [InlineData("\"1\",,  ,\"2\"", false, 2)]
    [InlineData("\"a,b\", \"c\"", false, 2)]
    public void Condition_parses_star_and_lists(string header, bool any, int count)
    {
        Assert.True(ETags.TryParseCondition(header, out var condition));
        Assert.Equal(any, condition.IsAny);
        Assert.Equal(count, condition.Tags.Count);
    }

    [Theory]
    [InlineData("*, \"1\"")]
    [InlineData("\"1\" \"2\"")]
    [InlineData(",")]
    [InlineData("1")]
    public void Condition_refuses_malformed_headers(string header) =>
        Assert.False(ETags.TryParseCondition(header, out _));

    [Theory]
    [InlineData(null, 5L, "Passed")]
    [InlineData("", 5L, "Passed")]
    [InlineData("   ", null, "Passed")]
    [InlineData("\"5\"", 5L, "Passed")]
    [InlineData("\"4\", \"5\"", 5L, "Passed")]
    [InlineData("\"4\"", 5L, "Failed")]
    [InlineData("W/\"5\"", 5L, "Failed")]
    [InlineData("\"5\"", null, "Failed")]
    [InlineData("*", 5L, "Passed")]
    [InlineData("*", null, "Failed")]
    [InlineData("5", 5L, "Malformed")]
    public void If_match_uses_strong_comparison(string? header, long? current, string expected) =>
        Assert.Equal(Enum.Parse<PreconditionResult>(expected), ETags.CheckIfMatch(header, current));

    [Theory]
    [InlineData(null, 5L, "Passed")]
    [InlineData("*", null, "Passed")]
    [InlineData("*", 5L, "Failed")]
    [InlineData("\"5\"", 5L, "Failed")]
    [InlineData("W/\"5\"", 5L, "Failed")]
    [InlineData("\"4\"", 5L, "Passed")]
    [InlineData("\"5\"", null, "Passed")]
    [InlineData("nonsense", 5L, "Malformed")]
    public void If_none_match_uses_weak_comparison(string? header, long? current, string expected) =>
        Assert.Equal(Enum.Parse<PreconditionResult>(expected), ETags.CheckIfNoneMatch(header, current));

    [Theory]
    [InlineData("\"17\"", true, 17L)]
    [InlineData("W/\"17\"", true, 17L)]
    [InlineData("\"-1\"", false, 0L)]
    [InlineData("\"abc\"", false, 0L)]
    public void Version_is_read_back_from_our_tags(string text, bool ok, long version)
    {
        Assert.True(ETags.TryParse(text, out var tag));
        Assert.Equal(ok, ETags.TryGetVersion(tag, out var parsed));
        Assert.Equal(version, parsed);
    }
}
