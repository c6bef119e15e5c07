using Bunit;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Components.Shared;
using EdgeHive.Cloud.Portal.Tests.Bulk;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>The twin table: desired, reported and sync side by side; edit controls only where an editor may write.</summary>
public sealed class TwinTableTests : IAsyncLifetime
{
    private static readonly DeviceModelProperty Target = new("target", PropertyType.Double, AccessMode.ReadWrite, "°C", 5, 30, null);
    private static readonly DeviceModelProperty Temperature = new("temperature", PropertyType.Double, AccessMode.ReadOnly, "°C", -40, 85, null);
    private static readonly DeviceModelProperty Enabled = new("enabled", PropertyType.Boolean, AccessMode.ReadWrite, null, null, null, null);
    private readonly BunitContext _context = ComponentHost.Create(new LiveFakeBackend(new FakeCluster()));

    [Fact]
    public void Shows_desired_reported_observed_and_sync_per_property()
    {
        var table = Render(canEdit: false, new Dictionary<string, string?>());

        Assert.Equal("21.5", table.Find("[data-testid=desired-target]").TextContent);
        Assert.Equal("20", table.Find("[data-testid=reported-target]").TextContent);
        Assert.Equal("20", table.Find("[data-testid=observed-target]").TextContent);
        Assert.Contains("Pending", table.Find("[data-testid=sync-target]").TextContent, StringComparison.Ordinal);
        Assert.Equal("19.8", table.Find("[data-testid=reported-temperature]").TextContent);
        Assert.Equal("read-only", table.Find("[data-testid=desired-temperature]").TextContent);
    }

    [Fact]
    public void Viewer_gets_no_input_and_editor_gets_one_per_writable_property()
    {
        var viewer = Render(canEdit: false, new Dictionary<string, string?>());
        Assert.Empty(viewer.FindAll("input"));

        var editor = Render(canEdit: true, new Dictionary<string, string?>());
        Assert.NotNull(editor.Find("#desired-target"));
        Assert.NotNull(editor.Find("#desired-enabled"));
        Assert.Empty(editor.FindAll("#desired-temperature"));
        Assert.Equal("21.5", editor.Find("#desired-target").GetAttribute("value"));
    }

    [Fact]
    public void Typed_value_goes_into_the_edits_and_a_live_update_keeps_it()
    {
        var edits = new Dictionary<string, string?>();
        var table = Render(canEdit: true, edits);

        table.Find("#desired-target").Input("24");
        Assert.Equal("24", edits["target"]);

        // Someone else's value arrives: it shows as "current", the input keeps what the user typed.
        var newer = Device() with { Spec = Device().Spec with { Desired = new Dictionary<string, string> { ["target"] = "25" } } };
        table.Render(p => p.Add(t => t.Device, newer));
        Assert.Equal("25", table.Find("[data-testid=desired-target]").TextContent);
        Assert.Equal("24", table.Find("#desired-target").GetAttribute("value"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<TwinTable> Render(bool canEdit, Dictionary<string, string?> edits) =>
        _context.Render<TwinTable>(p => p
            .Add(t => t.Device, Device())
            .Add(t => t.Properties, [Target, Temperature, Enabled])
            .Add(t => t.CanEdit, canEdit)
            .Add(t => t.Edits, edits));

    private static Device Device()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var twin = new Dictionary<string, TwinProperty>
        {
            ["target"] = new(new DesiredValue("21.5", 2, at), new ReportedValue("20", at, 1), new ObservedDesired("20", 1, at), SyncState.Pending, null),
            ["temperature"] = new(null, new ReportedValue("19.8", at, 1), null, SyncState.InSync, null),
        };
        var spec = new DeviceSpec("thermostat", "edge-1", null, new Dictionary<string, string>(), new Dictionary<string, string> { ["target"] = "21.5" });
        return new Device("default", "t1", spec, DeviceStatus.Initial with { Twin = twin }, 3, at, at);
    }
}
