namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>Inherits a grain interface declared in this assembly.</summary>
public interface IAuditedCounterGrain : ICounterGrain
{
    Task<IReadOnlyList<SampleItem>> History(int max);
}
