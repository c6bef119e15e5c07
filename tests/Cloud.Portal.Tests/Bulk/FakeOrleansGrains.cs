using System.Reflection;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>
/// Orleans' grain factory over a <see cref="FakeCluster"/>:
/// <c>GetGrain&lt;IDeviceModelGrain&gt;(key)</c> and <c>GetGrain&lt;IDeviceGrain&gt;(key)</c> give the cluster's
/// in-memory model and device; every other member throws.
/// A proxy, because only that one of the interface's many members is used.
/// </summary>
public class FakeOrleansGrains : DispatchProxy
{
    private FakeCluster? _cluster;

    internal static global::Orleans.IGrainFactory Create(FakeCluster cluster)
    {
        var proxy = Create<global::Orleans.IGrainFactory, FakeOrleansGrains>();
        ((FakeOrleansGrains)(object)proxy)._cluster = cluster;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is { Name: "GetGrain", IsGenericMethod: true } && args is [string key, ..]
            && targetMethod.GetGenericArguments()[0] == typeof(IDeviceModelGrain))
        {
            return new FakeDeviceModelGrain(_cluster!, key);
        }

        if (targetMethod is { Name: "GetGrain", IsGenericMethod: true } && args is [string workloadKey, ..]
            && targetMethod.GetGenericArguments()[0] == typeof(IWorkloadGrain))
        {
            return new FakeWorkloadGrain(_cluster!, workloadKey);
        }

        if (targetMethod is { Name: "GetGrain", IsGenericMethod: true } && args is [string deviceKey, ..]
            && targetMethod.GetGenericArguments()[0] == typeof(IDeviceGrain))
        {
            return new FakeDeviceGrain(_cluster!, deviceKey);
        }

        throw new NotSupportedException(targetMethod?.ToString());
    }
}
