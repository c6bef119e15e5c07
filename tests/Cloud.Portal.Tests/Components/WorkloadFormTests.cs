using EdgeHive.Cloud.Portal.Editing;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>The workload editor's text fields and the spec they make.</summary>
public sealed class WorkloadFormTests
{
    [Fact]
    public void A_spec_survives_the_form_and_back()
    {
        var spec = new WorkloadSpec(
            new WorkloadPlacement(NodeSelector: new Dictionary<string, string> { ["site"] = "berlin", ["tier"] = "edge" }),
            new WorkloadProcessSpec("bin/reader", ["--port", "", "x y"], new Dictionary<string, string> { ["LOG_LEVEL"] = "info", ["EMPTY"] = "" }, "data"),
            WorkloadRestartPolicy.Never, 7, "reads");

        var (back, errors) = WorkloadForm.Of(spec).ToSpec();

        Assert.Empty(errors);
        Assert.True(spec.SameAs(back), "the spec is unchanged");
    }

    [Fact]
    public void Malformed_selector_and_env_lines_name_their_field()
    {
        var form = new WorkloadForm { BySelector = true, Selector = "site=berlin, tier", Executable = "x", Env = "A=1\nnot-a-pair\nA=2" };

        var (spec, errors) = form.ToSpec();

        Assert.Null(spec);
        Assert.Contains(errors, e => e.Property == "spec.placement.nodeSelector" && e.Message.Contains("'tier'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Property == "spec.process.env" && e.Message.Contains("not-a-pair", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Property == "spec.process.env" && e.Message.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Differences_list_only_the_fields_that_differ()
    {
        var mine = new WorkloadSpec(new WorkloadPlacement(NodeName: "edge-1"), new WorkloadProcessSpec("a"));
        var current = mine with { Process = new WorkloadProcessSpec("b"), StopGracePeriodSeconds = 9 };

        var rows = WorkloadForm.Differences(mine, current);

        Assert.Equal(["executable", "stopGracePeriodSeconds"], rows.Select(r => r.Field));
    }
}
