using Microsoft.CodeAnalysis;

namespace EdgeHive.Grains.CodeGen.Tests.Infrastructure;

/// <summary>The outcome of one generator run: the driver (to run again incrementally) and the compilation with
/// the generated sources added.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output)
{
    public GeneratorRunResult Result => Assert.Single(Driver.GetRunResult().Results);

    public IReadOnlyList<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public IReadOnlyList<string> HintNames => Result.GeneratedSources.Select(s => s.HintName).ToList();

    public string Source(string hintName) =>
        Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
