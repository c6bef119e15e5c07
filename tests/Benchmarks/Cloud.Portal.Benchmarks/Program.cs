using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeHive.Cloud.Portal.Benchmarks;
using EdgeHive.Cloud.Portal.Live;
using EdgeHive.Cloud.Silo;
using EdgeHive.Grains.Cloud;
using Microsoft.Playwright;

// The portal in a real browser against one silo (SQLite) holding N devices (default 10,000):
//   1. devices page: first interactive render (navigation start → first grid rows, in the browser) and next page
//      (click → rows replaced, in the browser), p50/p95;
//   2. device report → DOM: a value reported through the device grain until the open device page shows it, timed by
//      the browser's clock against the report's send time (one machine, one clock), p50/p95;
//   3. server memory per open circuit: managed heap after a full collection, before and with C circuits (default 50).
// Usage: dotnet run -c Release --project tests/Benchmarks/Cloud.Portal.Benchmarks -- [--devices N] [--circuits C] [--samples S]
var devices = Arg("--devices", 10_000);
var circuitCount = Arg("--circuits", 50);
var samples = Arg("--samples", 30);
const string Password = "bench-pass-123";

var dataDir = Path.Combine(Path.GetTempPath(), "edgehive-portal-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dataDir);
var port = FreePort();
var silo = CloudSiloApp.Build(
[
    $"--urls=http://127.0.0.1:{port}",
    $"--applicationName={typeof(Percentiles).Assembly.GetName().Name}",
    $"--contentRoot={AppContext.BaseDirectory}",
    $"--Storage:DataDir={dataDir}",
    "--Cluster:SiloPort=0",
    "--Cluster:GatewayPort=0",
    $"--Cluster:ClusterId=bench-{Guid.NewGuid():N}",
    "--Auth:AdminToken=bench-admin-token-0123456789",
    $"--Portal:AdminPassword={Password}",
    "--Logging:LogLevel:Default=Warning",
]);
await silo.StartAsync();
var baseUrl = $"http://127.0.0.1:{port}/";
var grains = silo.Services.GetRequiredService<global::Orleans.IGrainFactory>();
var circuits = silo.Services.GetRequiredService<PortalCircuits>();
try
{
    var seeding = Stopwatch.StartNew();
    await SeedAsync(grains, silo.Services.GetRequiredService<global::Orleans.IGrainFactory>(), devices);
    Console.WriteLine($"seeded {devices:N0} devices in {seeding.Elapsed.TotalSeconds:F0} s");

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
    var signIn = await context.NewPageAsync();
    await signIn.GotoAsync("account/login");
    await signIn.FillAsync("#user", "admin");
    await signIn.FillAsync("#password", Password);
    await signIn.ClickAsync("#sign-in");
    await signIn.WaitForSelectorAsync("[data-testid=current-user]");

    // A script in every page notes when the first grid row appears (ms since navigation start).
    await context.AddInitScriptAsync("""
        new MutationObserver((_, observer) => {
            if (!window.__firstRows && document.querySelector('[data-testid=device-row]')) {
                window.__firstRows = performance.now();
            }
        }).observe(document, { childList: true, subtree: true });
        """);

    // 1. Devices page: first interactive render, then next page.
    var first = new List<double>();
    var next = new List<double>();
    var grid = await context.NewPageAsync();
    for (var i = 0; i < samples + 2; i++)
    {
        await grid.GotoAsync("devices");
        await grid.WaitForFunctionAsync("() => window.__firstRows !== undefined");
        var firstRows = await grid.EvaluateAsync<double>("() => window.__firstRows");
        var nextPage = await grid.EvaluateAsync<double>("""
            () => new Promise(resolve => {
                const before = document.querySelector('[data-testid=device-row]').textContent;
                const start = performance.now();
                new MutationObserver((_, observer) => {
                    const row = document.querySelector('[data-testid=device-row]');
                    if (row && row.textContent !== before) { observer.disconnect(); resolve(performance.now() - start); }
                }).observe(document.body, { childList: true, subtree: true, characterData: true });
                document.querySelector("button[aria-label='Next page']").click();
            })
            """);
        if (i >= 2)
        {
            // The first two warm the JIT and the read model's caches.
            first.Add(firstRows);
            next.Add(nextPage);
        }
    }

    // 2. Report → DOM on an open device page.
    var device = await context.NewPageAsync();
    await device.GotoAsync("devices/default/probe");
    await device.WaitForSelectorAsync("[data-testid=reported-temperature]");
    var probe = grains.GetGrain<IDeviceGrain>("default/probe");
    var latency = new List<double>();
    for (var i = 1; i <= samples + 2; i++)
    {
        var value = (20 + (i % 50) / 10.0 + i * 0.001).ToString("F3", CultureInfo.InvariantCulture);
        var seen = device.EvaluateAsync<double>("""
            value => new Promise(resolve => {
                const cell = () => document.querySelector('[data-testid=reported-temperature]');
                new MutationObserver((_, observer) => {
                    if (cell() && cell().textContent === value) { observer.disconnect(); resolve(Date.now()); }
                }).observe(document.body, { childList: true, subtree: true, characterData: true });
            })
            """, value);
        await Task.Delay(50); // the observer is installed before the report leaves
        var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var report = new EdgeTwinReport(i, new Dictionary<string, ReportedPropertyUpdate> { ["temperature"] = new(value, i, DateTimeOffset.UtcNow) });
        var result = await probe.ReportFromEdge("edge-1", report);
        if (!result.IsOk)
        {
            throw new InvalidOperationException("report refused: " + result.Message);
        }

        var shown = await seen.WaitAsync(TimeSpan.FromSeconds(30));
        if (i > 2)
        {
            latency.Add(shown - sent);
        }
    }

    await grid.CloseAsync(new() { RunBeforeUnload = true });
    await device.CloseAsync(new() { RunBeforeUnload = true });
    await signIn.CloseAsync(new() { RunBeforeUnload = true });

    // 3. Memory per circuit: C tabs on the device page (twin, model, one subscription each).
    await WaitAsync(() => circuits.OpenCircuits == 0, "circuits of the timing pages to close");
    var baseline = Heap();
    var tabs = new List<IPage>();
    for (var i = 0; i < circuitCount; i++)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("devices/default/probe");
        await tab.WaitForSelectorAsync("[data-testid=reported-temperature]");
        tabs.Add(tab);
    }

    await WaitAsync(() => circuits.OpenCircuits == circuitCount && circuits.LiveSubscriptions == circuitCount, $"{circuitCount} circuits with a subscription each");
    var loaded = Heap();
    var perCircuit = (loaded - baseline) / circuitCount;

    Console.WriteLine();
    Console.WriteLine($"| measurement ({devices:N0} devices) | result |");
    Console.WriteLine("|---|---|");
    Console.WriteLine($"| devices page, first interactive render (navigation → first rows) | {Percentiles.Describe(first)} |");
    Console.WriteLine($"| devices page, next page (click → rows replaced) | {Percentiles.Describe(next)} |");
    Console.WriteLine($"| device report → DOM update on the open device page | {Percentiles.Describe(latency)} |");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| server memory per open circuit ({circuitCount} device pages) | {perCircuit / 1024.0:F0} KiB managed heap (baseline {baseline / 1048576.0:F1} MiB, with circuits {loaded / 1048576.0:F1} MiB) |"));
    await context.CloseAsync();
}
finally
{
    await silo.StopAsync();
    await silo.DisposeAsync();
    try
    {
        Directory.Delete(dataDir, recursive: true);
    }
    catch (IOException)
    {
        // SQLite may hold the file a moment longer; it is under the temp dir.
    }
}

static long Heap()
{
    for (var i = 0; i < 3; i++)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    return GC.GetTotalMemory(forceFullCollection: true);
}

async Task WaitAsync(Func<bool> condition, string what)
{
    var watch = Stopwatch.StartNew();
    while (!condition())
    {
        if (watch.Elapsed > TimeSpan.FromSeconds(120))
        {
            throw new TimeoutException("waiting for " + what);
        }

        await Task.Delay(100);
    }
}

static async Task SeedAsync(global::Orleans.IGrainFactory grains, global::Orleans.IGrainFactory models, int count)
{
    await grains.GetGrain<IEdgeNodeGrain>("edge-1").Register(new NodeInfo("bench-host", "linux", "amd64", "0.1.0", new NodeCapacity(2, 4L << 30, 32L << 30, 0)));
    var model = await models.GetGrain<IDeviceModelGrain>("default/thermostat").Create(new DeviceModelSpec("Room thermostat",
    [
        new DeviceModelProperty("target", PropertyType.Double, AccessMode.ReadWrite, "°C", 5, 30, null),
        new DeviceModelProperty("temperature", PropertyType.Double, AccessMode.ReadOnly, "°C", -40, 85, null),
    ]));
    if (!model.IsOk)
    {
        throw new InvalidOperationException(model.Message);
    }

    await grains.GetGrain<IDeviceGrain>("default/probe").Create(new DeviceSpec("thermostat", "edge-1", null, new Dictionary<string, string>(), new Dictionary<string, string>()));
    await Parallel.ForEachAsync(Enumerable.Range(0, count - 1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
    {
        var labels = new Dictionary<string, string> { ["zone"] = (i % 4) switch { 0 => "north", 1 => "south", 2 => "east", _ => "west" } };
        var result = await grains.GetGrain<IDeviceGrain>($"default/dev-{i:D5}").Create(new DeviceSpec("thermostat", null, null, labels, new Dictionary<string, string> { ["target"] = "20" }));
        if (!result.IsOk)
        {
            throw new InvalidOperationException(result.Message);
        }
    });
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
