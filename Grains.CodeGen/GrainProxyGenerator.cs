using Microsoft.CodeAnalysis;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Emits a proxy and one request class per method for every grain interface in the compilation.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainProxyGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
