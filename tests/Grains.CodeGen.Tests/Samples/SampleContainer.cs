namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>Holds a nested grain interface.</summary>
public static class SampleContainer
{
    /// <summary>A grain interface nested in a class; its name uses <c>+</c> like <c>Type.FullName</c>.</summary>
    public interface INestedGrain : IGrainWithStringKey
    {
        Task<string> Where();
    }
}
