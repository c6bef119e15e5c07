namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>A plain implementation that requests are invoked on; records what it was called with.</summary>
public sealed class AuditedCounter : IAuditedCounterGrain
{
    private readonly List<SampleItem> _history = [];

    public int Value { get; private set; }

    public List<string> Calls { get; } = [];

    public Task Reset()
    {
        Calls.Add("Reset");
        Value = 0;
        return Task.CompletedTask;
    }

    public Task<int> Add(int amount)
    {
        Calls.Add($"Add({amount})");
        Value += amount;
        return Task.FromResult(Value);
    }

    public ValueTask<int> GetValue() => new(Value);

    public void Ping(string message) => Calls.Add($"Ping({message})");

    public Task Notify(SampleItem item)
    {
        _history.Add(item);
        return Task.CompletedTask;
    }

    public Task<string?> Describe(string? prefix, IReadOnlyList<string> tags, SampleItem item, int @class, int count = 5) =>
        Task.FromResult<string?>(prefix is null ? null : $"{prefix}:{string.Join(",", tags)}:{item.Name}:{@class}:{count}");

    public async ValueTask Touch(DateTimeOffset at, int[] values, Dictionary<string, SampleItem?>? extra)
    {
        await Task.Yield();
        Calls.Add($"Touch({values.Sum()})");
    }

    public Task<IReadOnlyList<SampleItem>> History(int max) =>
        Task.FromResult<IReadOnlyList<SampleItem>>(_history.Take(max).ToList());
}
