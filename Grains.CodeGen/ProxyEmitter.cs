using System.Collections.Generic;
using EdgeHive.Grains.CodeGen.Model;
using static EdgeHive.Grains.CodeGen.GeneratedNames;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Writes the source file of one grain interface: its request classes, file-local copies of the request
/// classes of inherited interfaces from other assemblies, and the proxy.</summary>
internal static class ProxyEmitter
{
    public static string Emit(InterfaceModel model)
    {
        var shape = model.Shape;
        var writer = CodeWriter.StartFile();
        writer.Open("namespace " + Namespace);

        foreach (var method in shape.Methods)
        {
            RequestEmitter.Write(writer, shape, method, Request(shape, method), "internal");
            writer.Line();
        }

        foreach (var inherited in model.Bases)
        {
            if (inherited.IsExternal)
            {
                foreach (var method in inherited.Shape.Methods)
                {
                    RequestEmitter.Write(writer, inherited.Shape, method, ImportedRequest(inherited.Shape, method), "file");
                    writer.Line();
                }
            }
        }

        var proxy = Proxy(shape);
        writer.Line(GeneratedCodeAttribute);
        writer.Open("internal sealed class " + proxy + " : " + Invocation + ".GrainReference, " + shape.TypeName);
        writer.Open("public " + proxy + "(" + Invocation + ".IGrainCallInvoker invoker, " + Abstractions + ".GrainId grainId) : base(invoker, grainId)");
        writer.Close();
        writer.Line();
        writer.Line("public override string InterfaceName => " + Literal(shape.FullName) + ";");

        foreach (var method in shape.Methods)
        {
            WriteMethod(writer, shape, method, Qualified(Request(shape, method)));
        }

        foreach (var inherited in model.Bases)
        {
            foreach (var method in inherited.Shape.Methods)
            {
                var request = inherited.IsExternal ? ImportedRequest(inherited.Shape, method) : Qualified(Request(inherited.Shape, method));
                WriteMethod(writer, inherited.Shape, method, request);
            }
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>Implements the method explicitly, so grain methods never clash with GrainReference members or with
    /// same-signature methods of other interfaces. Default parameter values are left off: explicit implementations
    /// ignore them.</summary>
    private static void WriteMethod(CodeWriter writer, InterfaceShape declaring, MethodModel method, string requestType)
    {
        var parameters = new List<string>(method.Parameters.Count);
        var initializers = new List<string>(method.Parameters.Count);
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            parameters.Add(parameter.Type + " " + parameter.Name);
            initializers.Add("Arg" + i + " = " + parameter.Name);
        }

        var request = initializers.Count == 0
            ? "new " + requestType + "()"
            : "new " + requestType + " { " + string.Join(", ", initializers) + " }";

        writer.Line();
        writer.Open(method.ReturnType + " " + declaring.TypeName + "." + GrainInterfaceParser.EscapeIdentifier(method.Name) + "(" + string.Join(", ", parameters) + ")");
        if (method.IsOneWay)
        {
            writer.Line("this.Invoker.InvokeOneWay(this, " + request + ");");
            if (method.ReturnKind == ReturnKind.Task)
            {
                writer.Line("return " + Tasks + ".Task.CompletedTask;");
            }
        }
        else
        {
            var call = method.ResultType is null
                ? "this.Invoker.InvokeAsync(this, " + request + ")"
                : "this.Invoker.InvokeAsync<" + method.ResultType + ">(this, " + request + ")";
            writer.Line(method.ReturnKind switch
            {
                ReturnKind.ValueTask => "return new " + Tasks + ".ValueTask(" + call + ");",
                ReturnKind.ValueTaskOfT => "return new " + Tasks + ".ValueTask<" + method.ResultType + ">(" + call + ");",
                _ => "return " + call + ";",
            });
        }

        writer.Close();
    }
}
