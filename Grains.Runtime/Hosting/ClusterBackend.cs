using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Hosting;

/// <summary>The database-backed parts of a silo: membership, directory, reminders and grain state.</summary>
internal sealed record ClusterBackend(
    IMembershipTable Membership,
    IGrainDirectoryStore Directory,
    IReminderTable Reminders,
    IGrainStateStore Storage,
    IAsyncDisposable? Owner = null)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Membership.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Directory.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Reminders.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }
}
