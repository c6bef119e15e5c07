using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class TwinValidatorTests
{
    private static readonly IReadOnlyDictionary<string, string> NoDesired = new Dictionary<string, string>();

    [Theory]
    [InlineData("setpoint", "21.5", null)]
    [InlineData("fan-speed", "1200", null)]
    [InlineData("power", "false", null)]
    [InlineData("label", "Living room", null)]
    [InlineData("firmware", "AAECAw==", null)]
    [InlineData("humidity", "40", "unknown property 'humidity'")]
    [InlineData("temperature", "20", "property 'temperature' is read-only")]
    [InlineData("setpoint", "warm", "'warm' is not a finite float (property 'setpoint' has type float)")]
    [InlineData("setpoint", "31", "31 is above the maximum 30")]
    [InlineData("setpoint", "4.9", "4.9 is below the minimum 5")]
    [InlineData("fan-speed", "12.5", "'12.5' is not an integer (property 'fan-speed' has type int)")]
    [InlineData("power", "on", "is not a boolean")]
    [InlineData("firmware", "%%%", "not valid base64")]
    [InlineData("bad name", "1", "property name may contain only letters")]
    [InlineData("", "1", "property name must not be empty")]
    public void Single_change_is_checked_against_the_model(string property, string value, string? error)
    {
        var result = TwinValidator.Validate(Samples.ThermostatProperties, NoDesired, Change(property, value), TwinLimits.Default);

        if (error is null)
        {
            Assert.True(result.IsValid);
            Assert.Equal(value, result.Desired[property]);
        }
        else
        {
            var reported = Assert.Single(result.Errors);
            Assert.Equal(property, reported.Property);
            Assert.Contains(error, reported.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_bad_property_is_named_in_one_answer()
    {
        var changes = new Dictionary<string, string?> { ["setpoint"] = "99", ["humidity"] = "1", ["power"] = "true" };

        var result = TwinValidator.Validate(Samples.ThermostatProperties, NoDesired, changes, TwinLimits.Default);

        Assert.Equal(["humidity", "setpoint"], result.Errors.Select(e => e.Property));
    }

    [Fact]
    public void Property_names_follow_kubeedge_rule_up_to_128_characters()
    {
        var longest = new string('a', 128);
        var tooLong = new string('a', 129);
        var properties = new[] { Samples.Property(longest, PropertyType.String), Samples.Property("a-_.,:/@#Z9", PropertyType.String) };

        Assert.True(TwinValidator.Validate(properties, NoDesired, Change(longest, "x"), TwinLimits.Default).IsValid);
        Assert.True(TwinValidator.Validate(properties, NoDesired, Change("a-_.,:/@#Z9", "x"), TwinLimits.Default).IsValid);
        var error = Assert.Single(TwinValidator.Validate(properties, NoDesired, Change(tooLong, "x"), TwinLimits.Default).Errors);
        Assert.Contains("at most 128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_length_limit_is_configurable()
    {
        var limits = new TwinLimits { MaxValueLength = 4 };

        Assert.True(TwinValidator.Validate(Samples.ThermostatProperties, NoDesired, Change("label", "abcd"), limits).IsValid);
        var error = Assert.Single(TwinValidator.Validate(Samples.ThermostatProperties, NoDesired, Change("label", "abcde"), limits).Errors);
        Assert.Equal("label", error.Property);
        Assert.Contains("the limit is 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_over_the_size_limit_is_refused_with_a_clear_error()
    {
        var limits = new TwinLimits { MaxDocumentBytes = 64 };
        var current = new Dictionary<string, string> { ["label"] = new string('x', 30) };

        var result = TwinValidator.Validate(Samples.ThermostatProperties, current, Change("firmware", "AAAAAAAAAAAAAAAAAAAAAAAA"), limits);

        var error = Assert.Single(result.Errors);
        Assert.Equal(TwinValidator.DocumentField, error.Property);
        Assert.Contains("the limit is 64 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_limit_is_32_kib_of_utf8()
    {
        var properties = Enumerable.Range(0, 10).Select(i => Samples.Property("p" + i, PropertyType.String)).ToList();
        var changes = Enumerable.Range(0, 10).ToDictionary(i => "p" + i, _ => (string?)new string('é', 1700));

        var result = TwinValidator.Validate(properties, NoDesired, changes, TwinLimits.Default);

        // 10 × 1700 two-byte characters = 34,000 bytes: over 32,768 although under 32 K characters.
        Assert.Contains(result.Errors, e => e.Property == TwinValidator.DocumentField);
    }

    [Fact]
    public void Null_removes_a_desired_value()
    {
        var current = new Dictionary<string, string> { ["setpoint"] = "20", ["power"] = "true" };

        var result = TwinValidator.Validate(Samples.ThermostatProperties, current, Change("setpoint", null), TwinLimits.Default);

        Assert.True(result.IsValid);
        Assert.Equal(["power"], result.Desired.Keys);
    }

    [Fact]
    public void Value_the_model_no_longer_declares_can_be_removed_but_not_set()
    {
        var current = new Dictionary<string, string> { ["legacy"] = "1" };

        Assert.True(TwinValidator.Validate(Samples.ThermostatProperties, current, Change("legacy", null), TwinLimits.Default).IsValid);
        Assert.False(TwinValidator.Validate(Samples.ThermostatProperties, current, Change("legacy", "2"), TwinLimits.Default).IsValid);
        Assert.False(TwinValidator.Validate(Samples.ThermostatProperties, NoDesired, Change("never", null), TwinLimits.Default).IsValid);
    }

    [Fact]
    public void Unchanged_values_are_not_rechecked()
    {
        // "99" became invalid when the model narrowed the range; an unrelated edit must still be possible.
        var current = new Dictionary<string, string> { ["setpoint"] = "99" };

        var result = TwinValidator.Validate(Samples.ThermostatProperties, current, Change("power", "true"), TwinLimits.Default);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Diff_lists_new_changed_and_removed_values_only()
    {
        var current = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" };
        var next = new Dictionary<string, string> { ["a"] = "1", ["b"] = "20", ["d"] = "4" };

        var diff = TwinValidator.Diff(current, next);

        Assert.Equal(3, diff.Count);
        Assert.Equal("20", diff["b"]);
        Assert.Null(diff["c"]);
        Assert.Equal("4", diff["d"]);
    }

    private static Dictionary<string, string?> Change(string property, string? value) => new() { [property] = value };
}
