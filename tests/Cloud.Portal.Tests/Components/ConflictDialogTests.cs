using Bunit;
using EdgeHive.Cloud.Portal.Components.Shared;
using EdgeHive.Cloud.Portal.Tests.Bulk;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>The "changed by someone else" dialog: mine next to current, and the user's choice comes back.</summary>
public sealed class ConflictDialogTests : IAsyncLifetime
{
    private readonly BunitContext _context = ComponentHost.Create(new LiveFakeBackend(new FakeCluster()));

    [Theory]
    [InlineData("[data-testid=conflict-overwrite]", true)]
    [InlineData("[data-testid=conflict-reload]", false)]
    public async Task Shows_both_values_and_returns_the_choice(string button, bool overwrite)
    {
        var provider = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        Task<bool>? answer = null;
        // Not awaited inside the renderer: the answer comes only after the click below.
        await provider.InvokeAsync(() =>
        {
            answer = ConflictDialog.AskAsync(dialogs, "device", "Property", "\"3\"", "\"5\"", [("target", "21", "25"), ("enabled", "true", "true")]);
        });

        provider.WaitForElement("[data-testid=conflict-current-target]");
        Assert.Equal("21", provider.Find("[data-testid=conflict-mine-target]").TextContent);
        Assert.Equal("25", provider.Find("[data-testid=conflict-current-target]").TextContent);
        Assert.Contains("conflict-changed", provider.Find("[data-testid=conflict-mine-target]").ParentElement!.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("conflict-changed", provider.Find("[data-testid=conflict-mine-enabled]").ParentElement!.ClassName ?? "", StringComparison.Ordinal);
        Assert.False(answer!.IsCompleted);

        provider.Find(button).Click();
        Assert.Equal(overwrite, await answer.WaitAsync(TimeSpan.FromSeconds(10)));
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=conflict-current-target]")));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    public async Task DisposeAsync() => await _context.DisposeAsync();
}
