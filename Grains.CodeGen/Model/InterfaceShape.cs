namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>A grain interface's identity and own methods: everything needed to emit its request classes.</summary>
/// <param name="FullName">The stable name (namespace-qualified, nested types joined with <c>+</c>, as
/// <c>Type.FullName</c> spells it), used as <c>Request.InterfaceName</c> and registry key.</param>
/// <param name="TypeName">The fully qualified C# name (<c>global::...</c>).</param>
/// <param name="Methods">The interface's own methods, by method id.</param>
internal sealed record InterfaceShape(string FullName, string TypeName, EquatableArray<MethodModel> Methods)
{
    /// <summary>An identifier unique per interface within an assembly, the stem of generated type names.</summary>
    public string Mangled => FullName.Replace('.', '_').Replace('+', '_');
}
