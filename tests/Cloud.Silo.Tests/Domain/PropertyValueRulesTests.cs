using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class PropertyValueRulesTests
{
    [Theory]
    [InlineData(PropertyType.Int, "0")]
    [InlineData(PropertyType.Int, "-12")]
    [InlineData(PropertyType.Int, "+7")]
    [InlineData(PropertyType.Int, "9223372036854775807")]
    [InlineData(PropertyType.Float, "21.5")]
    [InlineData(PropertyType.Float, "-1e3")]
    [InlineData(PropertyType.Float, "3")]
    [InlineData(PropertyType.Double, "1.7976931348623157E+308")]
    [InlineData(PropertyType.Double, ".5")]
    [InlineData(PropertyType.Boolean, "true")]
    [InlineData(PropertyType.Boolean, "false")]
    [InlineData(PropertyType.Bytes, "")]
    [InlineData(PropertyType.Bytes, "AQID")]
    [InlineData(PropertyType.Bytes, "AQI=")]
    [InlineData(PropertyType.String, "")]
    [InlineData(PropertyType.String, "any text, with spaces ✓")]
    public void Valid_values_pass(PropertyType type, string value) =>
        Assert.Null(PropertyValueRules.Explain(Samples.Property("p", type), value));

    [Theory]
    [InlineData(PropertyType.Int, "1.5", "not an integer")]
    [InlineData(PropertyType.Int, "1e3", "not an integer")]
    [InlineData(PropertyType.Int, " 1", "not an integer")]
    [InlineData(PropertyType.Int, "9223372036854775808", "not an integer")]
    [InlineData(PropertyType.Int, "", "not an integer")]
    [InlineData(PropertyType.Int, "0x10", "not an integer")]
    [InlineData(PropertyType.Float, "abc", "not a finite float")]
    [InlineData(PropertyType.Float, "1e39", "not a finite float")]
    [InlineData(PropertyType.Float, "NaN", "not a finite float")]
    [InlineData(PropertyType.Float, "1,5", "not a finite float")]
    [InlineData(PropertyType.Double, "Infinity", "not a finite double")]
    [InlineData(PropertyType.Double, "1e309", "not a finite double")]
    [InlineData(PropertyType.Boolean, "True", "not a boolean")]
    [InlineData(PropertyType.Boolean, "1", "not a boolean")]
    [InlineData(PropertyType.Boolean, "yes", "not a boolean")]
    [InlineData(PropertyType.Bytes, "AQI", "not valid base64")]
    [InlineData(PropertyType.Bytes, "AQ==AQ==", "not valid base64")]
    [InlineData(PropertyType.Bytes, "AQ I=", "not valid base64")]
    [InlineData(PropertyType.Bytes, "*?!#", "not valid base64")]
    public void Wrong_types_are_refused(PropertyType type, string value, string message)
    {
        var error = PropertyValueRules.Explain(Samples.Property("p", type), value);

        Assert.NotNull(error);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PropertyType.Int, "0", null)]
    [InlineData(PropertyType.Int, "10", null)]
    [InlineData(PropertyType.Int, "-1", "below the minimum 0")]
    [InlineData(PropertyType.Int, "11", "above the maximum 10")]
    [InlineData(PropertyType.Float, "10.0", null)]
    [InlineData(PropertyType.Float, "10.01", "above the maximum 10")]
    [InlineData(PropertyType.Double, "-0.000001", "below the minimum 0")]
    [InlineData(PropertyType.Double, "5", null)]
    public void Range_is_inclusive(PropertyType type, string value, string? message)
    {
        var error = PropertyValueRules.Explain(Samples.Property("p", type, min: 0, max: 10), value);

        if (message is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.NotNull(error);
            Assert.Contains(message, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Open_ended_ranges_check_only_the_given_bound()
    {
        var atLeastZero = Samples.Property("p", PropertyType.Int, min: 0);

        Assert.Null(PropertyValueRules.Explain(atLeastZero, long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotNull(PropertyValueRules.Explain(atLeastZero, "-1"));
    }

    [Theory]
    [InlineData(PropertyType.Int, "x", PropertyValueProblem.NotInteger)]
    [InlineData(PropertyType.Float, "x", PropertyValueProblem.NotFloat)]
    [InlineData(PropertyType.Double, "x", PropertyValueProblem.NotDouble)]
    [InlineData(PropertyType.Boolean, "x", PropertyValueProblem.NotBoolean)]
    [InlineData(PropertyType.Bytes, "x", PropertyValueProblem.NotBase64)]
    [InlineData(PropertyType.Int, "-1", PropertyValueProblem.BelowMinimum)]
    [InlineData(PropertyType.Double, "11", PropertyValueProblem.AboveMaximum)]
    [InlineData((PropertyType)99, "x", PropertyValueProblem.UnknownType)]
    [InlineData(PropertyType.Int, "5", PropertyValueProblem.None)]
    public void Check_names_the_problem(PropertyType type, string value, PropertyValueProblem expected) =>
        Assert.Equal(expected, PropertyValueRules.Check(Samples.Property("p", type, min: 0, max: 10), value));

    [Fact]
    public void Only_read_write_properties_accept_desired_values()
    {
        Assert.True(PropertyValueRules.AcceptsDesired(Samples.Property("p", PropertyType.Int, AccessMode.ReadWrite)));
        Assert.False(PropertyValueRules.AcceptsDesired(Samples.Property("p", PropertyType.Int, AccessMode.ReadOnly)));
    }
}
