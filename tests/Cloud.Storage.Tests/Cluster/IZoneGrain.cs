using Orleans;

namespace EdgeHive.Cloud.Storage.Tests.Cluster;

/// <summary>A grain whose state lives in EdgeHive's grain storage.</summary>
public interface IZoneGrain : IGrainWithStringKey
{
    Task<int> Add(int amount, string zone);

    Task<int> Get();

    Task Clear();
}
