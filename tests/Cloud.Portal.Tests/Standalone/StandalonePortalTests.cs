using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Grains.Cloud;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests.Standalone;

/// <summary>The portal as its own process, reaching the cluster only through a silo's gateway: what the silo's REST API
/// creates shows up, what the portal saves the REST API serves, and changes arrive live.</summary>
public sealed class StandalonePortalTests(StandalonePortalFixture fixture) : IClassFixture<StandalonePortalFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Standalone_portal_lists_a_rest_created_device_saves_desired_values_and_shows_live_reports()
    {
        using var rest = fixture.Rest();
        var create = new { name = "thermo-remote", spec = new { model = "thermostat", nodeName = "edge-1", labels = new { zone = "east" }, desired = new { target = "20" } } };
        using (var created = await rest.PostAsJsonAsync("api/v1/devices", create))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var page = await fixture.SignInAsync();
        await page.GotoAsync("devices");
        await Expect(page.GetByTestId("device-grid")).ToContainTextAsync("thermo-remote", new() { Timeout = (float)Deadline.TotalMilliseconds });

        const string key = "default/thermo-remote";
        await page.GotoAsync("devices/" + key);
        await page.FillAsync("#desired-target", "22.5");
        await page.ClickAsync("#save-desired");
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        using (var response = await rest.GetAsync("api/v1/devices/" + key))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("22.5", json.RootElement.GetProperty("spec").GetProperty("desired").GetProperty("target").GetString());
        }

        await page.GotoAsync("devices/" + key);
        await Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("reported-temperature")).ToHaveTextAsync("—");
        var marker = await page.EvaluateAsync<double>("() => { window.__notReloaded = Math.random(); return window.__notReloaded; }");
        var report = new EdgeTwinReport(1, new Dictionary<string, ReportedPropertyUpdate> { ["temperature"] = new("21.7", 1, DateTimeOffset.UtcNow) });
        var result = await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).ReportFromEdge("edge-1", report);
        Assert.True(result.IsOk, result.Message);

        await Expect(page.GetByTestId("reported-temperature")).ToHaveTextAsync("21.7", new() { Timeout = (float)Deadline.TotalMilliseconds });
        Assert.Equal(marker, await page.EvaluateAsync<double>("() => window.__notReloaded"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_login_on_the_silos_portal_is_valid_on_the_standalone_portal()
    {
        // Signed in on the portal the silo serves; cookies are per host, not per port, so the browser sends the same
        // cookie to the standalone portal, which must read it with the cluster's shared key ring.
        var page = await StandalonePortalFixture.SignInAsync(fixture.Browser, fixture.SiloUrl);
        await page.GotoAsync(fixture.PortalUrl + "devices");

        Assert.DoesNotContain("/account/login", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("admin");
        await Expect(page.GetByTestId("device-grid")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Standalone_cluster_page_shows_the_orleans_silo_and_manages_join_tokens_through_the_silos()
    {
        var page = await fixture.SignInAsync();
        await page.GotoAsync("cluster");
        var grid = page.GetByTestId("silo-grid");
        await Expect(grid).ToContainTextAsync("Active", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Expect(grid).ToContainTextAsync("PortalQueryGrain");

        var description = "standalone " + Guid.NewGuid().ToString("N")[..8];
        await page.FillAsync("#token-description", description);
        await page.ClickAsync("text=Create token");
        await Expect(page.GetByTestId("new-token")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("token-grid")).ToContainTextAsync(description);
        using var rest = fixture.Rest();
        using var listed = await rest.GetAsync("api/v1/jointokens");
        Assert.Contains(description, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
