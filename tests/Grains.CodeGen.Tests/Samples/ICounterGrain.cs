namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>Covers every supported return shape, the scheduling attributes and awkward parameters.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task Reset();

    Task<int> Add(int amount);

    [ReadOnly]
    ValueTask<int> GetValue();

    [OneWay]
    void Ping(string message);

    [OneWay]
    Task Notify(SampleItem item);

    [AlwaysInterleave]
    [ReadOnly]
    Task<string?> Describe(string? prefix, IReadOnlyList<string> tags, SampleItem item, int @class, int count = 5);

    ValueTask Touch(DateTimeOffset at, int[] values, Dictionary<string, SampleItem?>? extra);
}
