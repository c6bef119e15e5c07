using EdgeHive.Grains.Cloud;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>The portal in a real browser against a real silo: login, lists, twin edits, conflicts, live reports.</summary>
[Collection(PortalCollection.Name)]
public sealed class DeviceBrowserTests(PortalFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Wrong_password_is_refused_and_admin_signs_in()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("devices");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
        await page.FillAsync("#user", "admin");
        await page.FillAsync("#password", "wrong");
        await page.ClickAsync("#sign-in");
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();

        await page.FillAsync("#user", "admin");
        await page.FillAsync("#password", PortalFixture.AdminPassword);
        await page.ClickAsync("#sign-in");
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("admin (admin)");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Devices_grid_filters_by_model_and_by_label()
    {
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices");
        await Expect(page.GetByTestId("device-grid")).ToContainTextAsync("meter-a");

        await page.FillAsync("#filter-model", "meter");
        await page.ClickAsync("#apply-filter");
        await Expect(page.GetByTestId("device-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("device-grid")).ToContainTextAsync("meter-a");

        await page.GotoAsync("devices?labels=zone%3Dnorth");
        await Expect(page.GetByTestId("device-row").First).ToContainTextAsync("thermo-");
        await Expect(page.GetByTestId("device-grid")).Not.ToContainTextAsync("meter-a");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Desired_value_saved_in_the_portal_is_served_by_the_rest_api()
    {
        var key = await fixture.CreateThermostatAsync("thermo-edit");
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/" + key);
        await page.FillAsync("#desired-target", "22.5");
        await page.ClickAsync("#save-desired");
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("desired-target")).ToHaveTextAsync("22.5");

        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken);
        using var response = await http.GetAsync("api/v1/devices/" + key);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("22.5", json.RootElement.GetProperty("spec").GetProperty("desired").GetProperty("target").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Out_of_range_value_shows_the_property_error_and_keeps_the_input()
    {
        var key = await fixture.CreateThermostatAsync("thermo-invalid");
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/" + key);
        await page.FillAsync("#desired-target", "99");
        await page.ClickAsync("#save-desired");

        await Expect(page.GetByTestId("desired-error-target")).ToBeVisibleAsync();
        await Expect(page.Locator("#desired-target")).ToHaveValueAsync("99");
        Assert.Equal("20", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).Get()).Value!.Spec.Desired["target"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Change_made_meanwhile_opens_the_conflict_dialog_and_overwrite_is_deliberate()
    {
        var key = await fixture.CreateThermostatAsync("thermo-conflict");
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/" + key);
        await page.FillAsync("#desired-target", "21");
        // The edit must have reached the circuit before the other change does, or the page rightly takes the other
        // change as its basis and the save is no conflict. "Discard changes" is enabled by the server once it has the edit.
        await Expect(page.Locator("#discard-desired")).ToBeEnabledAsync();

        // Someone else sets the value after the page was opened.
        Assert.True((await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).SetDesired(new Dictionary<string, string?> { ["target"] = "25" }, null)).IsOk);

        await page.ClickAsync("#save-desired");
        await Expect(page.GetByTestId("conflict-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Changed by someone else");
        await Expect(page.GetByTestId("conflict-current-target")).ToHaveTextAsync("25");
        Assert.Equal("25", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).Get()).Value!.Spec.Desired["target"]);

        await page.ClickAsync("[data-testid=conflict-overwrite]");
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        Assert.Equal("21", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).Get()).Value!.Spec.Desired["target"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Value_reported_by_the_edge_appears_on_the_open_page_without_reload()
    {
        var key = await fixture.CreateThermostatAsync("thermo-live");
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/" + key);
        await Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("reported-temperature")).ToHaveTextAsync("—");
        var marker = await page.EvaluateAsync<double>("() => { window.__notReloaded = Math.random(); return window.__notReloaded; }");

        var report = new EdgeTwinReport(1, new Dictionary<string, ReportedPropertyUpdate>
        {
            ["temperature"] = new("21.7", 1, DateTimeOffset.UtcNow),
        });
        var result = await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).ReportFromEdge("edge-1", report);
        Assert.True(result.IsOk, result.Message);

        await Expect(page.GetByTestId("reported-temperature")).ToHaveTextAsync("21.7", new() { Timeout = (float)Deadline.TotalMilliseconds });
        Assert.Equal(marker, await page.EvaluateAsync<double>("() => window.__notReloaded"));
        await page.Context.CloseAsync();
    }
}
