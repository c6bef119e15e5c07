using System.Security.Claims;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>A viewer reads everything and changes nothing: no edit controls, and the server refuses writes.</summary>
[Collection(PortalCollection.Name)]
public sealed class RoleTests(PortalFixture fixture)
{
    [Fact]
    public async Task Viewer_sees_no_edit_controls()
    {
        var key = await fixture.CreateThermostatAsync("thermo-viewer");
        var users = fixture.Services.GetRequiredService<PortalUserStore>();
        await users.CreateAsync("vera", PortalRoles.Viewer, "viewer-pass-1", CancellationToken.None);

        var page = await fixture.SignInAsync("vera", "viewer-pass-1");
        await page.GotoAsync("devices/" + key);
        await Expect(page.GetByTestId("twin-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("desired-target")).ToHaveTextAsync("20");
        await Expect(page.Locator("[data-testid=desired-input]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#save-desired")).ToHaveCountAsync(0);
        await Expect(page.Locator("#delete-device")).ToHaveCountAsync(0);

        await page.GotoAsync("devices");
        await Expect(page.Locator("#create-device")).ToHaveCountAsync(0);
        await page.GotoAsync("users");
        await Expect(page.GetByText("Your role may not open this page.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Writes_of_a_viewer_are_refused_by_the_server()
    {
        var key = await fixture.CreateThermostatAsync("thermo-refused");
        await using var scope = fixture.Services.CreateAsyncScope();
        var commands = new PortalCommands(scope.ServiceProvider.GetRequiredService<IPortalBackend>(), new PortalSession(new FixedUser(PortalRoles.Viewer)));

        var result = await commands.SetDesiredAsync(key, new Dictionary<string, string?> { ["target"] = "10" }, null);

        Assert.Equal(OperationStatus.Forbidden, result.Status);
        Assert.Equal("20", (await fixture.OrleansGrains.GetGrain<IDeviceGrain>(key).Get()).Value!.Spec.Desired["target"]);
        var editor = new PortalCommands(scope.ServiceProvider.GetRequiredService<IPortalBackend>(), new PortalSession(new FixedUser(PortalRoles.Editor)));
        Assert.True((await editor.SetDesiredAsync(key, new Dictionary<string, string?> { ["target"] = "10" }, null)).IsOk);
    }

    private sealed class FixedUser(string role) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(TestUsers.With("x", role)));
    }
}
