namespace EdgeHive.Grains.CodeGen.Tests.Samples.Beta;

/// <summary>Same simple name as <see cref="Alpha.IEchoGrain"/>.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);
}
