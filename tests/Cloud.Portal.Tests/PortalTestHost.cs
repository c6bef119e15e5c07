using System.Net;
using System.Net.Sockets;
using EdgeHive.Cloud.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>What the portal fixtures share: a silo as <c>Cloud.Silo/Program.cs</c> builds it, headless Chromium,
/// signing in, free ports and the temp data directory.</summary>
internal static class PortalTestHost
{
    /// <summary>A fresh data directory under the system temp dir (not yet created).</summary>
    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "edgehive-portal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A silo exactly as <c>Cloud.Silo/Program.cs</c> builds it (SQLite in <paramref name="dataDir"/>), started;
    /// <paramref name="gatewayPort"/> 0 picks a free one. The application name points static web assets at this test
    /// project's manifest (the test host's entry assembly is not the app).</summary>
    public static async Task<WebApplication> StartSiloAsync(
        string dataDir,
        int httpPort,
        int gatewayPort,
        string clusterId,
        string adminToken,
        string adminPassword)
    {
        var silo = CloudSiloApp.Build(
        [
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--applicationName={typeof(PortalTestHost).Assembly.GetName().Name}",
            $"--contentRoot={AppContext.BaseDirectory}",
            $"--Storage:DataDir={dataDir}",
            "--Cluster:SiloPort=0",
            $"--Cluster:GatewayPort={gatewayPort}",
            $"--Cluster:ClusterId={clusterId}",
            $"--Auth:AdminToken={adminToken}",
            $"--Portal:AdminPassword={adminPassword}",
            "--ChangeFeed:PollInterval=00:00:00.100",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await silo.StartAsync();
        return silo;
    }

    /// <summary>Headless Debian Chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchBrowserAsync()
    {
        // A page is there once its circuit rendered it; the first circuit of a fresh process (JIT, MudBlazor's first
        // render) takes seconds on a loaded 2-core machine, more than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>A new browser context (own cookies) on the portal at <paramref name="baseUrl"/>, signed in as
    /// <paramref name="user"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, string baseUrl, string user, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        // The page's circuit renders the signed-in user: the sign-in worked and the page is live.
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        try
        {
            await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync(user, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Not signed in at {page.Url}: {ex.Message}\nconsole: {string.Join("\n", console)}\npage: {await page.ContentAsync()}", ex);
        }

        return page;
    }

    /// <summary>A free TCP port on the loopback interface.</summary>
    public static int FreePort() => EdgeHive.Testing.TestPorts.Free();

    /// <summary>Deletes a test's data directory, if SQLite lets go of it in time.</summary>
    public static void DeleteDataDir(string dataDir)
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp dir is cleaned by test.sh.
        }
    }
}
