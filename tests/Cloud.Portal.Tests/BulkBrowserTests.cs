using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Bulk;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>Device export and import in a real browser against a real silo, and who may import.</summary>
[Collection(PortalCollection.Name)]
public sealed class BulkBrowserTests(PortalFixture fixture)
{
    private static readonly float Deadline = 60_000;

    [Fact]
    public async Task Export_downloads_the_devices_of_the_current_filter()
    {
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices?model=meter&labels=zone%3Dsouth");
        await Expect(page.GetByTestId("device-row")).ToHaveCountAsync(1);

        var csv = await DownloadAsync(page, "#export-csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("namespace,name,model,node,labels,protocol,protocolConfig,desired,state", lines[0]);
        Assert.Equal(["default,meter-a,meter,edge-2,zone=south,,,,unknown"], lines[1..]);

        await page.GotoAsync("devices?labels=zone%3Dnorth");
        var json = await DownloadAsync(page, "#export-json");
        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Contains("thermo-a", names);
        Assert.DoesNotContain("meter-a", names);
        var thermo = document.RootElement.EnumerateArray().First(d => d.GetProperty("name").GetString() == "thermo-a");
        Assert.Equal("20", thermo.GetProperty("desired").GetProperty("target").GetString());
        Assert.Equal("north", thermo.GetProperty("labels").GetProperty("zone").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Imported_csv_creates_devices_served_by_the_rest_api_and_reports_the_bad_row()
    {
        await fixture.Services.GetRequiredService<PortalUserStore>().CreateAsync("ivan", PortalRoles.Editor, "editor-pass-1", CancellationToken.None);
        var page = await fixture.SignInAsync("ivan", "editor-pass-1");
        await page.GotoAsync("devices");
        await page.ClickAsync("#import-devices");
        const string csv = "name,model,node,labels,protocol,protocolConfig,desired.target\r\n"
            + "imp-a,thermostat,edge-1,zone=east;floor=3,modbus,\"{\"\"slave\"\": 7}\",22\r\n"
            + "imp-b,no-such-model,edge-1,,,,\r\n"
            + "imp-c,meter,edge-2,zone=east,,,\r\n";
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "devices.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#start-import");

        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("3 rows: 2 created, 0 updated, 0 unchanged, 1 failed", new() { Timeout = Deadline });
        await Expect(page.Locator("[data-testid=import-row][data-line='3']")).ToContainTextAsync("unknown model 'no-such-model'");
        await Expect(page.Locator("[data-testid=import-row][data-result=created]")).ToHaveCountAsync(2);

        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken);
        using (var response = await http.GetAsync("api/v1/devices/default/imp-a"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var spec = json.RootElement.GetProperty("spec");
            Assert.Equal("edge-1", spec.GetProperty("nodeName").GetString());
            Assert.Equal("3", spec.GetProperty("labels").GetProperty("floor").GetString());
            Assert.Equal("22", spec.GetProperty("desired").GetProperty("target").GetString());
            Assert.Equal(7, spec.GetProperty("protocol").GetProperty("config").GetProperty("slave").GetInt32());
        }

        using (var missing = await http.GetAsync("api/v1/devices/default/imp-b"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // The same file again changes nothing that exists.
        await page.GotoAsync("devices/import");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "devices.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#start-import");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("0 created, 0 updated, 2 unchanged, 1 failed", new() { Timeout = Deadline });
        await CaptureAsync(page, "import.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task File_over_the_size_limit_is_refused_with_a_clear_message()
    {
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/import");
        var tooLarge = new byte[DeviceImportLimits.MaxBytes + 1];
        Array.Fill(tooLarge, (byte)'x');
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "devices.csv", MimeType = "text/csv", Buffer = tooLarge });
        await page.ClickAsync("#start-import");

        await Expect(page.GetByTestId("import-error")).ToContainTextAsync("The file is larger than 5 MiB; split it into several files.", new() { Timeout = Deadline });
        await Expect(page.GetByTestId("import-form")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_upload_that_is_not_a_form_or_lacks_its_antiforgery_token_gets_a_clear_refusal()
    {
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/import");
        var answers = await page.EvaluateAsync<string[]>("""
            async () => {
                const json = await fetch('portal/devices/import', { method: 'POST', body: '[]', headers: { 'Content-Type': 'application/json' }, redirect: 'manual' });
                const form = new FormData();
                form.append('file', new Blob(['name,model\nno-token,thermostat\n'], { type: 'text/csv' }), 'devices.csv');
                const noToken = await fetch('portal/devices/import', { method: 'POST', body: form, redirect: 'manual' });
                return [json.status + ' ' + await json.text(), noToken.status + ' ' + await noToken.text()];
            }
            """);
        Assert.StartsWith("415 Upload the file as a multipart/form-data form", answers[0]);
        Assert.StartsWith("400 The form's antiforgery token is missing or invalid", answers[1]);
        Assert.Equal(OperationStatus.NotFound, (await fixture.OrleansGrains.GetGrain<IDeviceGrain>("default/no-token").Get()).Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_cannot_import_and_the_server_refuses_the_upload()
    {
        await fixture.Services.GetRequiredService<PortalUserStore>().CreateAsync("vic", PortalRoles.Viewer, "viewer-pass-2", CancellationToken.None);
        var page = await fixture.SignInAsync("vic", "viewer-pass-2");
        await page.GotoAsync("devices");
        await Expect(page.GetByTestId("bulk-bar")).ToBeVisibleAsync();
        await Expect(page.Locator("#import-devices")).ToHaveCountAsync(0);
        await page.GotoAsync("devices/import");
        await Expect(page.GetByTestId("import-read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-form")).ToHaveCountAsync(0);

        // A hand-made upload with the viewer's own antiforgery token (from the sign-out form) is refused by the server.
        var status = await page.EvaluateAsync<int>("""
            () => {
                const form = new FormData();
                form.append('__RequestVerificationToken', document.querySelector('input[name=__RequestVerificationToken]').value);
                form.append('file', new Blob(['name,model\nviewer-made,thermostat\n'], { type: 'text/csv' }), 'devices.csv');
                return fetch('portal/devices/import', { method: 'POST', body: form, redirect: 'manual' }).then(r => r.status);
            }
            """);
        Assert.Equal(403, status);
        Assert.Equal(OperationStatus.NotFound, (await fixture.OrleansGrains.GetGrain<IDeviceGrain>("default/viewer-made").Get()).Status);

        var viewer = TestUsers.With("vic", PortalRoles.Viewer);
        Assert.Null(fixture.Services.GetRequiredService<DeviceImportJobs>().Start(viewer, "devices.csv", Encoding.UTF8.GetBytes("name,model\nviewer-made,thermostat\n")));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Model_changed_meanwhile_opens_the_conflict_dialog_and_keeps_the_edit_until_overwrite()
    {
        var key = $"{PortalFixture.Namespace}/valve";
        var grain = fixture.OrleansGrains.GetGrain<IDeviceModelGrain>(key);
        var spec = new DeviceModelSpec("Water valve", [new DeviceModelProperty("open", PropertyType.Boolean, AccessMode.ReadWrite, null, null, null, null)]);
        Assert.True((await grain.Create(spec)).IsOk);
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("models/" + key);
        await page.FillAsync("#model-description", "Valve, mine");

        Assert.True((await grain.Replace(spec with { Description = "Valve, theirs" }, null)).IsOk);
        await page.ClickAsync("#save-model");

        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Changed by someone else");
        await Expect(page.GetByTestId("conflict-current-description")).ToHaveTextAsync("Valve, theirs");
        await Expect(page.GetByTestId("conflict-mine-description")).ToHaveTextAsync("Valve, mine");
        await Expect(page.Locator("#model-description")).ToHaveValueAsync("Valve, mine");
        Assert.Equal("Valve, theirs", (await grain.Get()).Value!.Spec.Description);
        await CaptureAsync(page, "conflict.png");

        await page.ClickAsync("[data-testid=conflict-overwrite]");
        await Expect(page.GetByTestId("conflict-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("#model-description")).ToHaveValueAsync("Valve, mine");
        Assert.Equal("Valve, mine", (await grain.Get()).Value!.Spec.Description);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Device_edit_changed_meanwhile_opens_the_conflict_dialog_and_reload_discards_the_edit()
    {
        var key = await fixture.CreateThermostatAsync("thermo-spec-conflict");
        var page = await fixture.SignInAsync("admin", PortalFixture.AdminPassword);
        await page.GotoAsync("devices/" + key);
        await page.FillAsync("#spec-labels", "zone=west");

        var device = fixture.OrleansGrains.GetGrain<IDeviceGrain>(key);
        var current = (await device.Get()).Value!;
        Assert.True((await device.Replace(current.Spec with { NodeName = "edge-2" }, null)).IsOk);
        await page.ClickAsync("#save-spec");

        await Expect(page.GetByTestId("conflict-current-node")).ToHaveTextAsync("edge-2");
        await Expect(page.GetByTestId("conflict-mine-labels")).ToHaveTextAsync("zone=west");
        await Expect(page.Locator("#spec-labels")).ToHaveValueAsync("zone=west");
        await page.ClickAsync("[data-testid=conflict-reload]");
        await Expect(page.Locator("#spec-labels")).ToHaveValueAsync("zone=north");
        await Expect(page.Locator("#spec-node")).ToHaveValueAsync("edge-2");
        Assert.Equal("north", (await device.Get()).Value!.Spec.Labels["zone"]);
        await page.Context.CloseAsync();
    }

    private static async Task<string> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(link));
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path);
    }

    private static async Task CaptureAsync(IPage page, string file)
    {
        // Only on request, as the other README screenshots (ScreenshotTests).
        if (Environment.GetEnvironmentVariable("EDGEHIVE_SCREENSHOTS") == "1")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotTests.RepositoryRoot(), "docs", "screenshots", file), FullPage = true });
        }
    }
}
