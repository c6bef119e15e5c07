namespace EdgeHive.Grains.CodeGen.Tests.Samples.Alpha;

/// <summary>Same simple name as <see cref="Beta.IEchoGrain"/>: generated names must not clash.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    Task<string> Echo(string text);
}
