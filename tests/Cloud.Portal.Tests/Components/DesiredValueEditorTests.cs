using Bunit;
using EdgeHive.Cloud.Portal.Components.Shared;
using EdgeHive.Cloud.Portal.Editing;
using EdgeHive.Cloud.Portal.Tests.Bulk;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>A desired value is checked against the model as it is typed, before anything is sent.</summary>
public sealed class DesiredValueEditorTests : IAsyncLifetime
{
    private static readonly DeviceModelProperty Target = new("target", PropertyType.Double, AccessMode.ReadWrite, "°C", 5, 30, null);
    private static readonly DeviceModelProperty Count = new("count", PropertyType.Int, AccessMode.ReadWrite, null, 0, null, null);
    private readonly BunitContext _context = ComponentHost.Create(new LiveFakeBackend(new FakeCluster()));

    [Theory]
    [InlineData("21.5", null)]
    [InlineData("", null)]
    [InlineData("99", "99 is above the maximum 30")]
    [InlineData("warm", "'warm' is not a number")]
    public void Value_is_checked_against_the_property(string text, string? error) =>
        Assert.Equal(error, DesiredValueEditor.Validate(Target, text));

    [Fact]
    public void Out_of_range_input_shows_the_error_next_to_the_field_and_keeps_the_text()
    {
        string? changed = null;
        var editor = _context.Render<DesiredValueEditor>(p => p
            .Add(e => e.Property, Target)
            .Add(e => e.Value, "21")
            .Add(e => e.ValueChanged, (string? v) => changed = v));
        Assert.Empty(editor.FindAll("[data-testid=desired-error-target]"));

        editor.Find("#desired-target").Input("99");

        Assert.Equal("99", changed);
        Assert.Equal("99 is above the maximum 30", editor.Find("[data-testid=desired-error-target]").TextContent);
        editor.Find("#desired-target").Input("25");
        Assert.Empty(editor.FindAll("[data-testid=desired-error-target]"));
    }

    [Fact]
    public void Edits_send_only_changes_refuse_bad_values_and_conflict_only_on_edited_properties()
    {
        var current = new Dictionary<string, string> { ["target"] = "20", ["count"] = "3" };
        var edits = new Dictionary<string, string?> { ["target"] = "20", ["count"] = "" };
        Assert.Equal(new Dictionary<string, string?> { ["count"] = null }, DesiredEdits.Changes(edits, current));

        var invalid = DesiredEdits.Invalid(new Dictionary<string, string?> { ["count"] = "-1", ["nope"] = "1" }, [Target, Count]);
        Assert.Equal(["count", "nope"], invalid.Keys.Order(StringComparer.Ordinal));

        // A report moved the version; nobody touched target: no conflict. Someone set count: a conflict on count.
        var now = new Dictionary<string, string> { ["target"] = "20", ["count"] = "4" };
        Assert.Empty(DesiredEdits.ChangedMeanwhile(["target"], current, now));
        Assert.Equal(["count"], DesiredEdits.ChangedMeanwhile(["target", "count"], current, now));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    public async Task DisposeAsync() => await _context.DisposeAsync();
}
