using EdgeHive.Cloud.Storage.SystemRecords;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>
/// At start, when configuration names no admin token, makes sure the cluster has one: the first silo ever started
/// generates it, stores its hash and prints it once to the console (not to the log, which may be shipped elsewhere).
/// Later starts find the stored hash and print nothing.
/// </summary>
internal sealed partial class AdminTokenBootstrap(
    ApiTokenStore tokens,
    ISystemRecordStore storage,
    ConsoleOutput console,
    ILogger<AdminTokenBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (tokens.HasConfiguredAdminToken)
        {
            return;
        }

        // The host initialises the records too; doing it here as well keeps this service independent of start order.
        await storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var token = await tokens.EnsureBootstrapTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            Log.BootstrapTokenExists(logger);
            return;
        }

        await console.Writer.WriteLineAsync(
            $"EdgeHive bootstrap admin token (shown once, store it now): {token}").ConfigureAwait(false);
        Log.BootstrapTokenCreated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
