using EdgeHive.Grains.Cloud;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>Writes PNGs of the main pages to <c>docs/screenshots/</c> (referenced from the README).</summary>
[Collection(PortalCollection.Name)]
public sealed class ScreenshotTests(PortalFixture fixture)
{
    [Fact]
    public async Task Main_pages_render_and_are_captured()
    {
        var key = await fixture.CreateThermostatAsync("thermo-shot");
        var device = fixture.OrleansGrains.GetGrain<IDeviceGrain>(key);
        await device.ReportFromEdge("edge-1", new EdgeTwinReport(1, new Dictionary<string, ReportedPropertyUpdate>
        {
            ["temperature"] = new("21.4", 1, DateTimeOffset.UtcNow),
            ["target"] = new("20", 1, DateTimeOffset.UtcNow),
        }));
        await device.SetState("edge-1", DeviceState.Ok, DateTimeOffset.UtcNow);
        await device.SetDesired(new Dictionary<string, string?> { ["target"] = "21.5", ["enabled"] = "true" }, null);

        var workload = fixture.OrleansGrains.GetGrain<IWorkloadGrain>("default/sensor-reader");
        var created = await workload.Create(new WorkloadSpec(
            new WorkloadPlacement(NodeName: "edge-1"),
            new WorkloadProcessSpec("bin/sensor-reader", ["--port", "/dev/ttyUSB0"], new Dictionary<string, string> { ["LOG_LEVEL"] = "info" }),
            WorkloadRestartPolicy.OnFailure, 10, "reads the serial sensor"));
        Assert.True(created.IsOk, created.Message);
        var started = DateTimeOffset.UtcNow.AddMinutes(-3);
        await workload.ReportStatus("edge-1", new WorkloadStatusUpdate(1, created.Value!.ResourceVersion, WorkloadPhase.Running, null, null, 4242, 2, 137, started, started.AddSeconds(-5)));

        // The README's screenshots are refreshed only on request (EDGEHIVE_SCREENSHOTS=1), so a plain test run leaves the
        // working tree clean; otherwise the pages are still rendered and captured, into a temp directory.
        var directory = Environment.GetEnvironmentVariable("EDGEHIVE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Directory.CreateTempSubdirectory("edgehive-screenshots").FullName;
        var tokens = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await tokens.GotoAsync("cluster");
        await tokens.FillAsync("#token-description", "rack 7 gateways");
        await tokens.ClickAsync("text=Create token");
        await Expect(tokens.GetByTestId("new-token")).ToBeVisibleAsync();
        await Expect(tokens.GetByTestId("token-grid")).ToContainTextAsync("rack 7 gateways");
        await tokens.Context.CloseAsync();
        Directory.CreateDirectory(directory);
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        (string File, string Url, string Ready)[] shots =
        [
            ("dashboard.png", "", "[data-testid=recent-events]"),
            ("nodes.png", "nodes", "[data-testid=node-grid]"),
            ("node.png", "nodes/edge-1", "[data-testid=session-epoch]"),
            ("devices.png", "devices", "[data-testid=device-grid]"),
            ("device.png", "devices/" + key, "[data-testid=twin-table]"),
            ("models.png", "models", "[data-testid=model-grid]"),
            ("workloads.png", "workloads", "[data-testid=workload-grid]"),
            ("workload.png", "workloads/default/sensor-reader", "[data-testid=workload-nodes]"),
            ("cluster.png", "cluster", "[data-testid=silo-grid]"),
        ];
        foreach (var (file, url, ready) in shots)
        {
            await page.GotoAsync(url);
            await Expect(page.Locator(ready)).ToBeVisibleAsync();
            var path = Path.Combine(directory, file);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Assert.True(new FileInfo(path).Length > 10_000, $"{file} looks empty");
        }

        await page.Context.CloseAsync();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeHive.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdgeHive.slnx not found above " + AppContext.BaseDirectory);
    }
}
