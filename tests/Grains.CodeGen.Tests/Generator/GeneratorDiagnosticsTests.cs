using EdgeHive.Grains.CodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace EdgeHive.Grains.CodeGen.Tests.Generator;

public sealed class GeneratorDiagnosticsTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading.Tasks; using EdgeHive.Grains;\nnamespace Bad;\n";

    public static TheoryData<string, string, string> BadInterfaces => new()
    {
        { "EHG001", "public interface IBad<T> : IGrainWithStringKey { Task A(T value); }", "Bad.IBad" },
        { "EHG001", "public class Outer<T> { public interface IBad : IGrainWithStringKey { Task A(); } }", "Bad.Outer+IBad" },
        { "EHG002", "public interface IBad : IGrainWithStringKey { int Count { get; } }", "property 'Count'" },
        { "EHG002", "public interface IBad : IGrainWithStringKey { int this[int i] { get; } }", "indexer 'this[]'" },
        { "EHG002", "public interface IBad : IGrainWithStringKey { event EventHandler Changed; }", "event 'Changed'" },
        { "EHG002", "public interface IBad : IGrainWithStringKey { static abstract Task Create(); }", "static abstract member 'Create'" },
        { "EHG003", "public interface IBad : IGrainWithStringKey { Task A<T>(T value); }", "Method 'A'" },
        { "EHG004", "public interface IBad : IGrainWithStringKey { Task A(ref int value); }", "'ref' parameter" },
        { "EHG004", "public interface IBad : IGrainWithStringKey { Task A(out int value); }", "'out' parameter" },
        { "EHG004", "public interface IBad : IGrainWithStringKey { Task A(in int value); }", "'in' parameter" },
        { "EHG005", "public interface IBad : IGrainWithStringKey { int A(); }", "returns 'int'" },
        { "EHG005", "public interface IBad : IGrainWithStringKey { void A(); }", "returns 'void'" },
        { "EHG005", "public interface IBad : IGrainWithStringKey { IAsyncEnumerable<int> A(); }", "IAsyncEnumerable<int>" },
        { "EHG006", "public interface IBad : IGrainWithStringKey { [OneWay] Task<int> A(); }", "is [OneWay] but returns" },
        { "EHG006", "public interface IBad : IGrainWithStringKey { [OneWay] ValueTask A(); }", "is [OneWay] but returns" },
        { "EHG007", "public class Outer { private interface IBad : IGrainWithStringKey { Task A(); } }", "Bad.Outer+IBad" },
        { "EHG007", "file interface IBad : IGrainWithStringKey { Task A(); }", "Bad.IBad" },
        { "EHG008", "public interface IBad : IGrainWithStringKey { Task A(Span<int> values); }", "Span<int>" },
        { "EHG009", "public interface IBad : IGrainWithStringKey, IDisposable { Task A(); }", "System.IDisposable" },
    };

    [Theory]
    [MemberData(nameof(BadInterfaces))]
    public void Unsupported_interface_is_reported_and_gets_no_proxy(string id, string declaration, string messagePart)
    {
        var run = GeneratorHarness.Run(Usings + declaration);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Bad.", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(messagePart, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("Sample.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.HintNames);
        // Nothing half-generated: the user's code still compiles on its own (apart from the reported diagnostic).
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Fact]
    public void Diagnostic_points_at_the_offending_member()
    {
        var run = GeneratorHarness.Run(Usings + "public interface IBad : IGrainWithStringKey\n{\n    Task Fine();\n    int Broken();\n}");

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Interface_deriving_from_an_invalid_base_is_skipped_and_the_problem_reported_once()
    {
        var run = GeneratorHarness.Run(Usings +
            "public interface IBase : IGrainWithStringKey { int Count { get; } }\n" +
            "public interface IDerived : IBase { Task A(); }\n" +
            "public interface IFine : IGrainWithStringKey { Task B(); }");

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("EHG002", diagnostic.Id);
        Assert.Equal(new[] { "Bad_IFine.g.cs", "GrainInterfaceRegistration.g.cs" }, run.HintNames.Order(StringComparer.Ordinal));
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Fact]
    public void Invalid_base_from_another_assembly_is_reported_on_the_derived_interface()
    {
        var library = GeneratorHarness.CreateCompilation(
            "using System.Threading.Tasks; namespace Lib; public interface IBadBase : EdgeHive.Grains.IGrainWithStringKey { int Count(); }",
            "Lib");

        var run = GeneratorHarness.Run(Usings + "public interface IDerived : Lib.IBadBase { Task A(); }", library.ToMetadataReference());

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("EHG005", diagnostic.Id);
        Assert.Contains("Lib.IBadBase", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("Sample.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.HintNames);
    }

    [Fact]
    public void Non_grain_interface_inherited_through_a_base_from_another_assembly_is_reported()
    {
        var library = GeneratorHarness.CreateCompilation(
            "namespace Lib; public interface IBase : EdgeHive.Grains.IGrainWithStringKey, System.IDisposable { }",
            "Lib");

        var run = GeneratorHarness.Run(Usings + "public interface IDerived : Lib.IBase { Task A(); }", library.ToMetadataReference());

        Assert.Equal("EHG009", Assert.Single(run.GeneratorDiagnostics).Id);
    }
}
