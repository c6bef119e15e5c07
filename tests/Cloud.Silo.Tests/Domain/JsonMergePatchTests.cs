using System.Text.Json.Nodes;
using EdgeHive.Cloud.Silo.Domain;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class JsonMergePatchTests
{
    // RFC 7396, Appendix A, every row.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc7396_appendix_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(target, patch);

        AssertJsonEqual(expected, result);
    }

    [Fact]
    public void Rfc7396_section_3_example()
    {
        const string target = """
            {"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],
             "content":"This will be unchanged"}
            """;
        const string patch = """
            {"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}
            """;

        var result = JsonMergePatch.Apply(target, patch);

        AssertJsonEqual(
            """
            {"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged",
             "phoneNumber":"+01-123-456-7890"}
            """,
            result);
    }

    [Fact]
    public void Inputs_are_not_modified()
    {
        var target = JsonNode.Parse("""{"a":{"b":1},"c":[1]}""");
        var patch = JsonNode.Parse("""{"a":{"b":null,"d":{"e":2}},"c":[2]}""");
        var targetBefore = target!.ToJsonString();
        var patchBefore = patch!.ToJsonString();

        var result = JsonMergePatch.Apply(target, patch);

        Assert.Equal(targetBefore, target.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
        AssertJsonEqual("""{"a":{"d":{"e":2}},"c":[2]}""", result!.ToJsonString());
    }

    [Fact]
    public void Replacing_a_member_keeps_its_position()
    {
        var result = JsonMergePatch.Apply("""{"a":1,"b":2,"c":3}""", """{"b":{"x":true}}""");

        Assert.Equal("""{"a":1,"b":{"x":true},"c":3}""", result);
    }

    [Fact]
    public void Invalid_json_is_reported_as_json_exception()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonMergePatch.Apply("{}", "{\"a\":"));
    }

    private static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected} but got {actual}");
}
