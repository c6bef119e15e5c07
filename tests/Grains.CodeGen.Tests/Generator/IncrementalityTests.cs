using EdgeHive.Grains.CodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeHive.Grains.CodeGen.Tests.Generator;

public sealed class IncrementalityTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using EdgeHive.Grains;
        namespace Inc;
        public interface IAlpha : IGrainWithStringKey { Task<int> A(string? text); }
        public interface IBroken : IGrainWithStringKey { int C(); }
        public interface IBeta : IAlpha { Task B(); }
        """;

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Unrelated_edit_leaves_every_model_and_the_registration_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var first = GeneratorHarness.Run(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Inc; public class Unrelated { }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options));
        var driver = first.Driver.RunGenerators(edited);

        Assert.All(Reasons(driver, GrainProxyGenerator.InterfaceModelsStep), reason =>
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.All(Reasons(driver, GrainProxyGenerator.RegistrationStep), reason =>
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    // Diagnostics carry source positions, so interfaces after an edit are re-emitted; the edit is placed last.
    [Fact]
    public void Adding_a_method_changes_only_that_interfaces_model()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var first = GeneratorHarness.Run(compilation);

        var tree = compilation.SyntaxTrees[0];
        var changedTree = tree.WithChangedText(tree.GetText().Replace(tree.GetText().ToString().IndexOf("Task B();", StringComparison.Ordinal), 0, "Task B2(); "));
        var driver = first.Driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changedTree));

        var reasons = Reasons(driver, GrainProxyGenerator.InterfaceModelsStep).ToList();
        Assert.Single(reasons, reason => reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Task global::Inc.IBeta.B2()", driver.GetRunResult().Results.Single().GeneratedSources
            .Single(s => s.HintName == "Inc_IBeta.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }
}
