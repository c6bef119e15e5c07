using EdgeHive.Cloud.Storage.Tests.GrainState;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Storage.Tests.Cluster;

public sealed class ZoneGrain([PersistentState("default", ZoneCluster.StorageName)] IPersistentState<ZoneState> state) : Grain, IZoneGrain
{
    public async Task<int> Add(int amount, string zone)
    {
        state.State.Value += amount;
        state.State.Zone = zone;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task Clear() => state.ClearStateAsync();
}
