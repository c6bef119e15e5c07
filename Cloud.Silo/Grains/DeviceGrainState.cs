using System.Text.Json;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Stored state of a device grain. A deleted device stays as a tombstone (null <see cref="Device"/>) so its
/// resource versions keep growing if it is created again — nodes compare versions. Indexed by <c>namespace</c>,
/// <c>name</c>, <c>model</c>, <c>node</c> (when bound), <c>state</c> and <c>label</c> (<c>k=v</c>, one per label); and,
/// tombstones included, <c>pushpending</c> (one per node owed a downstream push) and <c>modelpending</c> (one per model
/// whose user set still has to be brought in line with the device) so that a sweep finds devices whose push or model
/// step a crash interrupted without activating every device.</summary>
internal sealed class DeviceGrainState : IIndexedState
{
    /// <summary>The device, or null when it does not exist.</summary>
    public Device? Device { get; set; }

    /// <summary>The last resource version used, kept across deletion.</summary>
    public long LastVersion { get; set; }

    /// <summary>Downstream pushes written with a change and not yet accepted by the node's session (normally empty; see
    /// <see cref="PendingPush"/>).</summary>
    public List<PendingPush> Pending { get; set; } = [];

    /// <summary>Keys (<c>{namespace}/{name}</c>) of the models whose user set may not match this device yet: written
    /// before the device acquires a model and with the write that leaves one, cleared once the model grains agree
    /// (normally empty; see <see cref="ModelUse"/>).</summary>
    public List<string> ModelChecks { get; set; } = [];

    /// <summary>The node whose new install the device was last resynced for (<see cref="IDeviceGrain.ResyncForNewInstall"/>).</summary>
    public string? ResyncedNode { get; set; }

    /// <summary>The install generation of <see cref="ResyncedNode"/> the device was last resynced for; a resync of the
    /// same generation is not done twice.</summary>
    public long ResyncedInstall { get; set; }

    /// <summary>The index name of <see cref="Pending"/>.</summary>
    public const string PendingIndex = "pushpending";

    /// <summary>The index name of <see cref="ModelChecks"/>.</summary>
    public const string ModelPendingIndex = "modelpending";

    /// <summary>True when the device owes a node a push or a model a user-set check.</summary>
    public bool OwesSomething => Pending.Count > 0 || ModelChecks.Count > 0;

    /// <inheritdoc />
    public IEnumerable<IndexEntry> GetIndexEntries()
    {
        foreach (var owedNode in Pending.Select(p => p.Node).Distinct(StringComparer.Ordinal))
        {
            yield return new IndexEntry(PendingIndex, owedNode);
        }

        foreach (var model in ModelChecks.Distinct(StringComparer.Ordinal))
        {
            yield return new IndexEntry(ModelPendingIndex, model);
        }

        if (Device is not { } device)
        {
            yield break;
        }

        yield return new IndexEntry("namespace", device.Namespace);
        yield return new IndexEntry("name", device.Name);
        yield return new IndexEntry("model", device.Spec.Model);
        if (device.Spec.NodeName is { } node)
        {
            yield return new IndexEntry("node", node);
        }

        yield return new IndexEntry("state", StateName(device.Status.State));
        foreach (var (key, value) in device.Spec.Labels)
        {
            yield return new IndexEntry("label", key + "=" + value);
        }
    }

    /// <summary>The JSON name of a device state (<c>online</c>, …), as stored in the index.</summary>
    public static string StateName(DeviceState state) => JsonSerializer.Serialize(state).Trim('"');
}
