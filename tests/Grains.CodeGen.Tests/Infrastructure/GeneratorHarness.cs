using System.Collections.Immutable;
using EdgeHive.Grains.CodeGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeHive.Grains.CodeGen.Tests.Infrastructure;

/// <summary>Runs <see cref="GrainProxyGenerator"/> in-process over source strings.</summary>
internal static class GeneratorHarness
{
    // Everything this test process runs on, Grains.Abstractions included, is enough to compile small samples.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static CSharpCompilation CreateCompilation(string source, string assemblyName = "Sample", params MetadataReference[] extra) =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: assemblyName + ".cs")],
            References.Value.AddRange(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorRun Run(string source, params MetadataReference[] extra) => Run(CreateCompilation(source, "Sample", extra));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GrainProxyGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees[0].Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorRun(driver, output);
    }

    /// <summary>Diagnostics of at least warning severity from the compiler, for the compilation with generated code.</summary>
    public static IReadOnlyList<Diagnostic> CompilerProblems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
