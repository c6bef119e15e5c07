using EdgeHive.Grains.CodeGen.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Names of generated types. All live in one namespace and are derived from the interface's full name,
/// so same-named interfaces in different namespaces or containing types do not clash.</summary>
internal static class GeneratedNames
{
    public const string Namespace = "EdgeHive.Grains.Generated";

    public const string Abstractions = "global::EdgeHive.Grains";

    public const string Invocation = "global::EdgeHive.Grains.Invocation";

    public const string Json = "global::System.Text.Json";

    public const string Tasks = "global::System.Threading.Tasks";

    public const string GeneratedCodeAttribute =
        "[global::System.CodeDom.Compiler.GeneratedCodeAttribute(\"EdgeHive.Grains.CodeGen\", \"1.0.0.0\")]";

    public static string Proxy(InterfaceShape shape) => shape.Mangled + "_Proxy";

    /// <summary>The request class for a method declared in this assembly.</summary>
    public static string Request(InterfaceShape shape, MethodModel method) => shape.Mangled + "_M" + method.Id + "_" + method.Name;

    /// <summary>The file-local copy of a request class whose original is internal to another assembly. The prefix
    /// keeps it apart from the original should that ever become visible through InternalsVisibleTo.</summary>
    public static string ImportedRequest(InterfaceShape shape, MethodModel method) => "Imported_" + Request(shape, method);

    public static string Qualified(string typeName) => "global::" + Namespace + "." + typeName;

    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
