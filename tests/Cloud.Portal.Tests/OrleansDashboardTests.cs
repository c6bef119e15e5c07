using System.Net;
using EdgeHive.Cloud.Portal.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>The Orleans Dashboard under /dashboard, over real HTTP: admins only, behind the portal's cookie sign-in.</summary>
[Collection(PortalCollection.Name)]
public sealed class OrleansDashboardTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("dashboard/")]
    [InlineData("dashboard/DashboardCounters")]
    public async Task Anonymous_requests_are_sent_to_the_sign_in_page(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.BaseUrl) };

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("dash-viewer", PortalRoles.Viewer)]
    [InlineData("dash-editor", PortalRoles.Editor)]
    // User names of their own: the collection shares one portal and its user store with the other browser tests.
    public async Task Viewers_and_editors_are_forbidden(string user, string role)
    {
        var users = fixture.Services.GetRequiredService<PortalUserStore>();
        await users.CreateAsync(user, role, $"{user}-pass-1", CancellationToken.None);
        var page = await fixture.SignInAsync(user, $"{user}-pass-1");

        // The page and the JSON it polls alike.
        foreach (var path in new[] { "dashboard/", "dashboard/DashboardCounters" })
        {
            var response = await page.Context.APIRequest.GetAsync(path, new APIRequestContextOptions { MaxRedirects = 0 });
            Assert.Equal(403, response.Status);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_gets_the_dashboard()
    {
        var page = await fixture.SignInAsync(AdminBootstrap.AdminName, PortalFixture.AdminPassword);

        var response = await page.Context.APIRequest.GetAsync("dashboard/", new APIRequestContextOptions { MaxRedirects = 0 });

        Assert.Equal(200, response.Status);
        Assert.Contains("Orleans", await response.TextAsync(), StringComparison.OrdinalIgnoreCase);
        var counters = await page.Context.APIRequest.GetAsync("dashboard/DashboardCounters", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(200, counters.Status);
        Assert.StartsWith("application/json", counters.Headers["content-type"], StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
