using System.Text.Json;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Serialization;

namespace EdgeHive.Edge.Agent.Tests.Edged;

public sealed class WorkloadSpecTests
{
    [Fact]
    public void A_valid_spec_has_no_errors() => Assert.Empty(WorkloadSpecRules.Validate(WorkloadsDirectory.Spec("bin/app", "--port", "80")));

    [Theory]
    [InlineData("Default", "app", "namespace 'Default'")]
    [InlineData("-ns", "app", "namespace '-ns'")]
    [InlineData("a_b", "app", "namespace 'a_b'")]
    [InlineData("default", "", "name ''")]
    [InlineData("default", "a..b", "name 'a..b'")]
    [InlineData("default", "web/1", "name 'web/1'")]
    [InlineData("default", ".hidden", "name '.hidden'")]
    public void Names_must_be_dns_names(string ns, string name, string error)
    {
        var errors = WorkloadSpecRules.Validate(WorkloadsDirectory.Spec("app") with { Namespace = ns, Name = name });
        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_dotted_name_is_a_subdomain() =>
        Assert.Empty(WorkloadSpecRules.Validate(WorkloadsDirectory.Spec("app") with { Name = "sensor.reader-1" }));

    [Fact]
    public void Every_problem_is_listed()
    {
        var spec = WorkloadsDirectory.Spec("") with
        {
            StopGracePeriodSeconds = -1,
            Process = new ProcessSpec
            {
                Executable = "",
                Args = ["ok", "bad\0arg"],
                Env = new Dictionary<string, string> { ["1X"] = "v", ["GOOD"] = "v\0" },
                WorkingDirectory = "",
            },
        };
        var errors = WorkloadSpecRules.Validate(spec);
        Assert.Contains("stopGracePeriodSeconds must be between 0 and 3600", errors);
        Assert.Contains("process.executable is required", errors);
        Assert.Contains("process.args[1] must be a string without NUL", errors);
        Assert.Contains(errors, e => e.StartsWith("process.env name '1X'", StringComparison.Ordinal));
        Assert.Contains("process.env 'GOOD' must be a string without NUL", errors);
        Assert.Contains(errors, e => e.StartsWith("process.workingDirectory", StringComparison.Ordinal));
    }

    [Fact]
    public void Oversized_arguments_are_refused()
    {
        var spec = WorkloadsDirectory.Spec("app", new string('x', WorkloadSpecRules.MaxArgAndEnvChars + 1));
        Assert.Contains(WorkloadSpecRules.Validate(spec), e => e.StartsWith("process.args and process.env hold", StringComparison.Ordinal));
    }

    [Fact]
    public void Process_specs_compare_by_value_with_env_in_any_order()
    {
        var a = new ProcessSpec { Executable = "app", Args = ["1", "2"], Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" } };
        var b = new ProcessSpec { Executable = "app", Args = ["1", "2"], Env = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" } };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Args = ["2", "1"] });
        Assert.NotEqual(a, b with { Env = new Dictionary<string, string> { ["A"] = "1" } });
    }

    [Fact]
    public void Specs_round_trip_through_json_with_enum_names()
    {
        var spec = WorkloadsDirectory.Spec("bin/app", "-v") with
        {
            Generation = 7,
            RestartPolicy = RestartPolicy.OnFailure,
            Process = new ProcessSpec { Executable = "bin/app", Args = ["-v"], Env = new Dictionary<string, string> { ["MODE"] = "edge" }, WorkingDirectory = "data" },
        };
        var json = JsonSerializer.Serialize(spec, EdgedJsonContext.Default.WorkloadSpec);
        Assert.Contains("\"restartPolicy\":\"OnFailure\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"key\"", json, StringComparison.Ordinal);
        Assert.Equal(spec, JsonSerializer.Deserialize(json, EdgedJsonContext.Default.WorkloadSpec));
    }

    [Fact]
    public void Statuses_serialize_phases_by_name()
    {
        var status = new WorkloadStatus { Namespace = "default", Name = "app", Phase = WorkloadPhase.CrashLoopBackOff, Restarts = 2, LastExitCode = 1 };
        var json = JsonSerializer.Serialize(status, EdgedJsonContext.Default.WorkloadStatus);
        Assert.Contains("\"phase\":\"CrashLoopBackOff\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"pid\"", json, StringComparison.Ordinal);
        Assert.Equal(status, JsonSerializer.Deserialize(json, EdgedJsonContext.Default.WorkloadStatus));
    }
}
