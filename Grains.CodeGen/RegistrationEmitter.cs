using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EdgeHive.Grains.CodeGen.Model;
using static EdgeHive.Grains.CodeGen.GeneratedNames;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Writes the module initializer that registers every grain interface of the assembly with
/// <c>GrainInterfaceRegistry</c> as soon as the assembly loads.</summary>
internal static class RegistrationEmitter
{
    public static string Emit(ImmutableArray<InterfaceShape> interfaces)
    {
        var writer = CodeWriter.StartFile();
        writer.Open("namespace " + Namespace);
        writer.Line(GeneratedCodeAttribute);

        // File-local, so every assembly can have its own without a name clash through InternalsVisibleTo.
        writer.Open("file static class GrainInterfaceRegistration");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Open("internal static void Register()");
        foreach (var shape in interfaces.OrderBy(s => s.FullName, System.StringComparer.Ordinal))
        {
            WriteRegistration(writer, shape);
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void WriteRegistration(CodeWriter writer, InterfaceShape shape)
    {
        writer.Line(Invocation + ".GrainInterfaceRegistry.Register(new " + Invocation + ".GrainInterfaceInfo(");
        writer.Line("    typeof(" + shape.TypeName + "),");
        writer.Line("    " + Literal(shape.FullName) + ",");
        writer.Line("    static (invoker, grainId) => new " + Qualified(Proxy(shape)) + "(invoker, grainId),");
        if (shape.Methods.Count == 0)
        {
            writer.Line("    static methodId => null,");
            writer.Line("    global::System.Array.Empty<string>()));");
            return;
        }

        writer.Line("    static methodId => methodId switch");
        writer.Line("    {");
        var names = new List<string>(shape.Methods.Count);
        foreach (var method in shape.Methods)
        {
            writer.Line("        " + method.Id + " => (" + Invocation + ".Request)new " + Qualified(Request(shape, method)) + "(),");
            names.Add(Literal(method.Name));
        }

        writer.Line("        _ => null,");
        writer.Line("    },");
        writer.Line("    new string[] { " + string.Join(", ", names) + " }));");
    }
}
