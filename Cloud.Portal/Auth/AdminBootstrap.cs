using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>
/// Creates the first admin (<c>admin</c>) when no portal user exists. The password comes from
/// <see cref="PortalOptions.AdminPassword"/>, or is generated and written once to the console: it is never logged and
/// never shown again, since only its hash is stored.
/// </summary>
internal sealed partial class AdminBootstrap(
    PortalUserStore users,
    IOptions<PortalOptions> options,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string AdminName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if ((await users.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        var configured = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) : configured;

        // Several silos may start at once on one database: only the first create wins, the others find the row taken.
        if (!await users.CreateAsync(AdminName, PortalRoles.Admin, password, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (string.IsNullOrEmpty(configured))
        {
            await Console.Out.WriteLineAsync($"EdgeHive portal: first admin created. User: {AdminName}  Password: {password}  (shown once)").ConfigureAwait(false);
        }

        LogAdminCreated(logger, AdminName, string.IsNullOrEmpty(configured));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
