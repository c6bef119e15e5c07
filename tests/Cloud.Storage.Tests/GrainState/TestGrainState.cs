using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace EdgeHive.Cloud.Storage.Tests.GrainState;

/// <summary>Orleans' <see cref="IGrainState{T}"/> as a grain's persistent state holds it, for calling the provider
/// directly.</summary>
public sealed class TestGrainState<T> : IGrainState<T>
    where T : class, new()
{
    private T _state = new();

    [AllowNull]
    public T State
    {
        get => _state;
        set => _state = value ?? new T();
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
