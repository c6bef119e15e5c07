using System.Net;
using System.Text.Json;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>Bulk edits of the filtered devices in a real browser against a real silo, and who may start them.</summary>
[Collection(PortalCollection.Name)]
public sealed class BulkEditBrowserTests(PortalFixture fixture)
{
    private static readonly float Deadline = 60_000;

    [Fact]
    public async Task Bulk_label_edit_changes_exactly_the_filtered_devices_and_shows_progress_to_done()
    {
        string[] batch = ["bulk-a", "bulk-b", "bulk-c"];
        foreach (var name in batch)
        {
            await CreateAsync(name, new() { ["batch"] = "bulkedit" });
        }

        await CreateAsync("bulk-gold", new() { ["batch"] = "bulkedit", ["tier"] = "gold" });
        await CreateAsync("bulk-other", new() { ["batch"] = "other" });

        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices?labels=batch%3Dbulkedit");
        await Expect(page.GetByTestId("device-row")).ToHaveCountAsync(4);
        await Expect(page.Locator("#bulk-edit")).ToContainTextAsync("Edit the 4 filtered devices");
        await page.ClickAsync("#bulk-edit");
        await Expect(page.GetByTestId("edit-match-count")).ToHaveTextAsync("4");

        // An invalid label is refused before anything runs, next to its field.
        await page.GetByText("Add or replace labels").ClickAsync();
        await page.FillAsync("#edit-set-labels", "tier");
        await page.ClickAsync("#start-edit");
        await Expect(page.GetByTestId("error-setLabels")).ToContainTextAsync("'tier' is not key=value", new() { Timeout = Deadline });
        await Expect(page.GetByTestId("edit-match-count")).ToHaveTextAsync("4");

        await page.FillAsync("#edit-set-labels", "tier=gold");
        await page.ClickAsync("#start-edit");
        await Expect(page.GetByTestId("import-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("4 devices: 0 created, 3 updated, 1 unchanged, 0 failed", new() { Timeout = Deadline });
        await Expect(page.Locator("[data-testid=import-row][data-device='default/bulk-gold']")).ToContainTextAsync("unchanged");
        await Expect(page.Locator("[data-testid=import-row][data-result=updated]")).ToHaveCountAsync(3);

        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken);
        foreach (var name in batch.Append("bulk-gold"))
        {
            var labels = await LabelsAsync(http, name);
            Assert.Equal(("gold", "bulkedit"), (labels.GetValueOrDefault("tier"), labels.GetValueOrDefault("batch")));
        }

        Assert.False((await LabelsAsync(http, "bulk-other")).ContainsKey("tier"));
        Assert.DoesNotContain((await fixture.OrleansGrains.GetGrain<IDeviceGrain>($"{PortalFixture.Namespace}/thermo-a").Get()).Value!.Spec.Labels, l => l.Key == "tier");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Devices_selected_in_the_grid_are_moved_and_no_others()
    {
        await CreateAsync("sel-a", new() { ["batch"] = "selected" });
        await CreateAsync("sel-b", new() { ["batch"] = "selected" });
        await CreateAsync("sel-c", new() { ["batch"] = "selected" });

        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices?labels=batch%3Dselected");
        await Expect(page.GetByTestId("device-row")).ToHaveCountAsync(3);
        var rows = page.Locator("[data-testid=device-grid] tbody tr");
        await rows.Filter(new() { HasText = "sel-a" }).Locator("input[type=checkbox]").CheckAsync();
        await rows.Filter(new() { HasText = "sel-c" }).Locator("input[type=checkbox]").CheckAsync();
        await Expect(page.Locator("#bulk-edit-selected")).ToContainTextAsync("Edit 2 selected");
        await page.ClickAsync("#bulk-edit-selected");
        await Expect(page.GetByTestId("edit-match-count")).ToHaveTextAsync("2");

        await page.GetByText("Move to node").ClickAsync();
        await page.FillAsync("#edit-target-node", "edge-1");
        await page.ClickAsync("#start-edit");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("2 devices: 0 created, 2 updated, 0 unchanged, 0 failed", new() { Timeout = Deadline });
        Assert.Equal("edge-1", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>($"{PortalFixture.Namespace}/sel-a").Get()).Value!.Spec.NodeName);
        Assert.Equal("edge-2", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>($"{PortalFixture.Namespace}/sel-b").Get()).Value!.Spec.NodeName);
        Assert.Equal("edge-1", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>($"{PortalFixture.Namespace}/sel-c").Get()).Value!.Spec.NodeName);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_sees_no_bulk_edit()
    {
        await fixture.Services.GetRequiredService<PortalUserStore>().CreateAsync("bulk-viewer-vic", PortalRoles.Viewer, "viewer-pass-3", CancellationToken.None);
        await CreateAsync("bulk-viewer", new() { ["batch"] = "viewer" });
        var page = await fixture.SignInAsync("bulk-viewer-vic", "viewer-pass-3");
        await page.GotoAsync("devices?labels=batch%3Dviewer");
        await Expect(page.GetByTestId("bulk-bar")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("device-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("#bulk-edit")).ToHaveCountAsync(0);
        await Expect(page.Locator("#bulk-edit-selected")).ToHaveCountAsync(0);
        await page.GotoAsync("devices/edit?labels=batch%3Dviewer");
        await Expect(page.GetByTestId("edit-read-only")).ToBeVisibleAsync();
        await Expect(page.Locator("#start-edit")).ToHaveCountAsync(0);
        Assert.True((await fixture.OrleansGrains.GetGrain<IDeviceGrain>($"{PortalFixture.Namespace}/bulk-viewer").Get()).IsOk);
        await page.Context.CloseAsync();
    }

    private async Task CreateAsync(string name, Dictionary<string, string> labels) =>
        Assert.True((await fixture.OrleansGrains.GetGrain<IDeviceGrain>($"{PortalFixture.Namespace}/{name}")
            .Create(new DeviceSpec("thermostat", "edge-2", null, labels, new Dictionary<string, string>()))).IsOk);

    private static async Task<Dictionary<string, string>> LabelsAsync(HttpClient http, string name)
    {
        using var response = await http.GetAsync($"api/v1/devices/{PortalFixture.Namespace}/{name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("spec").GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
