using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Live;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>What the interactive portal adds, in a real browser against a real silo: a desired value followed by the
/// device's report without a reload, two editors of one device, a role lowered under an open page, sign-out ending the
/// circuits, and one change subscription per circuit.</summary>
[Collection(PortalCollection.Name)]
public sealed class LiveBrowserTests(PortalFixture fixture)
{
    private static readonly float Deadline = 30_000;

    [Fact]
    public async Task Edited_desired_value_is_saved_and_the_reported_value_follows_without_a_reload()
    {
        var key = await fixture.CreateThermostatAsync("thermo-follow");
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/" + key);
        await Expect(page.GetByTestId("reported-target")).ToHaveTextAsync("—");
        var marker = await page.EvaluateAsync<double>("() => { window.__notReloaded = Math.random(); return window.__notReloaded; }");

        await page.FillAsync("#desired-target", "23.5");
        await page.ClickAsync("#save-desired");
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();

        // The edge applies it and reports back, as an agent does after the desired value reached it.
        var grain = fixture.OrleansGrains.GetGrain<IDeviceGrain>(key);
        var device = (await grain.Get()).Value!;
        Assert.Equal("23.5", device.Spec.Desired["target"]);
        var report = new EdgeTwinReport(1, new Dictionary<string, ReportedPropertyUpdate> { ["target"] = new("23.5", 2, DateTimeOffset.UtcNow) });
        Assert.True((await grain.ReportFromEdge("edge-1", report)).IsOk);

        await Expect(page.GetByTestId("reported-target")).ToHaveTextAsync("23.5", new() { Timeout = Deadline });
        Assert.Equal(marker, await page.EvaluateAsync<double>("() => window.__notReloaded"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_editors_of_one_device_the_second_save_opens_the_conflict_dialog_with_the_current_value()
    {
        var key = await fixture.CreateThermostatAsync("thermo-two");
        var first = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        var second = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await first.GotoAsync("devices/" + key);
        await second.GotoAsync("devices/" + key);
        await second.FillAsync("#desired-target", "23");
        await Expect(second.Locator("#discard-desired")).ToBeEnabledAsync(); // the circuit has the edit before the first saves

        await first.FillAsync("#desired-target", "21");
        await first.ClickAsync("#save-desired");
        await Expect(first.GetByTestId("saved")).ToBeVisibleAsync();

        // The second page shows the new current value live, keeps its own edit, and its save is a conflict.
        await Expect(second.GetByTestId("desired-target")).ToHaveTextAsync("21", new() { Timeout = Deadline });
        await Expect(second.Locator("#desired-target")).ToHaveValueAsync("23");
        await second.ClickAsync("#save-desired");
        await Expect(second.GetByTestId("conflict-current-target")).ToHaveTextAsync("21");
        await Expect(second.GetByTestId("conflict-mine-target")).ToHaveTextAsync("23");
        Assert.Equal("21", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).Get()).Value!.Spec.Desired["target"]);

        await second.ClickAsync("[data-testid=conflict-reload]");
        await Expect(second.Locator("#desired-target")).ToHaveValueAsync("21");
        Assert.Equal("21", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).Get()).Value!.Spec.Desired["target"]);
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task Save_of_an_editor_lowered_to_viewer_under_an_open_page_is_refused_by_the_server()
    {
        var key = await fixture.CreateThermostatAsync("thermo-forged");
        var users = fixture.Services.GetRequiredService<PortalUserStore>();
        await users.CreateAsync("eddie", PortalRoles.Editor, "editor-pass-9", CancellationToken.None);
        var page = await fixture.SignInAsync("eddie", "editor-pass-9");
        await page.GotoAsync("devices/" + key);
        await Expect(page.Locator("#save-desired")).ToBeVisibleAsync();

        // The page and the cookie still say editor; the store says viewer. The click reaches the editor's handler,
        // which asks the server's truth and refuses.
        await users.UpdateAsync("eddie", PortalRoles.Viewer, null, CancellationToken.None);
        await page.FillAsync("#desired-target", "11");
        await page.ClickAsync("#save-desired");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("read-only");
        Assert.Equal("20", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).Get()).Value!.Spec.Desired["target"]);

        // A page opened now shows no edit controls at all.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("twin-table")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=desired-input]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#save-desired")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_out_ends_the_circuits_of_every_tab_of_that_sign_in()
    {
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("devices");
        await Expect(other.GetByTestId("device-grid")).ToBeVisibleAsync();

        await page.ClickAsync("#sign-out");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));

        // The other tab was sent to the sign-in page by the server, without anyone touching it.
        await Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"), new() { Timeout = Deadline });
        await Expect(other.Locator("#sign-in")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Each_circuit_holds_one_change_subscription_and_gives_it_up_when_it_ends()
    {
        var circuits = fixture.Services.GetRequiredService<PortalCircuits>();
        var key = await fixture.CreateThermostatAsync("thermo-subscriptions");
        await fixture.Services.GetRequiredService<PortalUserStore>().CreateAsync("sub-sam", PortalRoles.Viewer, "viewer-pass-7", CancellationToken.None);
        var first = await fixture.SignInAsync("sub-sam", "viewer-pass-7");

        // The dashboard, the grid, the device page and the node page each watch several things (lists, badges, the
        // twin, the model); each circuit holds exactly one subscription all the same.
        var pages = new List<IPage> { first };
        foreach (var url in new[] { "devices", "devices/" + key, "nodes/edge-1" })
        {
            var page = await first.Context.NewPageAsync();
            await page.GotoAsync(url);
            await Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);
            pages.Add(page);
        }

        await Eventually.TrueAsync(() => Task.FromResult(circuits.Of("sub-sam") == (4, 4)), TimeSpan.FromSeconds(30), $"circuits and subscriptions of 4 tabs: {circuits.Of("sub-sam")}");

        foreach (var page in pages)
        {
            await page.CloseAsync(new() { RunBeforeUnload = true });
        }

        await Eventually.TrueAsync(() => Task.FromResult(circuits.Of("sub-sam") == (0, 0)), TimeSpan.FromSeconds(60), $"left of the closed tabs: {circuits.Of("sub-sam")}");
        await first.Context.CloseAsync();
    }
}
