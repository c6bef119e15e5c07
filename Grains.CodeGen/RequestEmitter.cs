using System.Collections.Generic;
using EdgeHive.Grains.CodeGen.Model;
using static EdgeHive.Grains.CodeGen.GeneratedNames;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Writes the request class of one grain method: typed argument fields, JSON argument codec and the
/// dispatch to the grain implementation.</summary>
internal static class RequestEmitter
{
    /// <param name="writer">Where to write.</param>
    /// <param name="shape">The interface that declares the method.</param>
    /// <param name="method">The method.</param>
    /// <param name="className">The simple name of the class.</param>
    /// <param name="modifiers">"internal" for requests the registry creates, "file" for local copies.</param>
    public static void Write(CodeWriter writer, InterfaceShape shape, MethodModel method, string className, string modifiers)
    {
        var baseType = method.ResultType is null ? Invocation + ".Request" : Invocation + ".Request<" + method.ResultType + ">";
        var count = method.Parameters.Count;

        writer.Line(GeneratedCodeAttribute);
        writer.Open(modifiers + " sealed class " + className + " : " + baseType);
        for (var i = 0; i < count; i++)
        {
            writer.Line("public " + method.Parameters[i].Type + " Arg" + i + " = default!;");
        }

        writer.Line();
        writer.Line("public override string InterfaceName => " + Literal(shape.FullName) + ";");
        writer.Line("public override int MethodId => " + method.Id + ";");
        writer.Line("public override string MethodName => " + Literal(method.Name) + ";");
        if (method.Flags != 0)
        {
            writer.Line("public override " + Invocation + ".RequestFlags Flags => " + FlagsExpression(method.Flags) + ";");
        }

        writer.Line();
        writer.Open("public override void WriteArguments(" + Json + ".Utf8JsonWriter writer, " + Json + ".JsonSerializerOptions options)");
        writer.Line("writer.WriteStartArray();");
        for (var i = 0; i < count; i++)
        {
            writer.Line(Json + ".JsonSerializer.Serialize(writer, this.Arg" + i + ", options);");
        }

        writer.Line("writer.WriteEndArray();");
        writer.Close();

        writer.Line();
        var countMessage = Literal(shape.FullName + "." + method.Name + " expects " + count + " argument(s).");
        writer.Open("public override void ReadArguments(ref " + Json + ".Utf8JsonReader reader, " + Json + ".JsonSerializerOptions options)");
        writer.Open("if (reader.TokenType != " + Json + ".JsonTokenType.StartArray)");
        writer.Line("throw new " + Json + ".JsonException(" + Literal("The arguments of " + shape.FullName + "." + method.Name + " must be a JSON array.") + ");");
        writer.Close();
        for (var i = 0; i < count; i++)
        {
            writer.Open("if (!reader.Read() || reader.TokenType == " + Json + ".JsonTokenType.EndArray)");
            writer.Line("throw new " + Json + ".JsonException(" + countMessage + ");");
            writer.Close();
            writer.Line("this.Arg" + i + " = " + Json + ".JsonSerializer.Deserialize<" + method.Parameters[i].Type + ">(ref reader, options)!;");
        }

        writer.Open("if (!reader.Read() || reader.TokenType != " + Json + ".JsonTokenType.EndArray)");
        writer.Line("throw new " + Json + ".JsonException(" + countMessage + ");");
        writer.Close();
        writer.Close();

        writer.Line();
        WriteInvoke(writer, shape, method);
        writer.Close();
    }

    private static void WriteInvoke(CodeWriter writer, InterfaceShape shape, MethodModel method)
    {
        var call = "((" + shape.TypeName + ")target)." + GrainInterfaceParser.EscapeIdentifier(method.Name) + "(" + Arguments(method) + ")";
        writer.Open("public override " + Tasks + ".Task Invoke(object target)");
        switch (method.ReturnKind)
        {
            case ReturnKind.Void:
                writer.Line(call + ";");
                writer.Line("return " + Tasks + ".Task.CompletedTask;");
                break;
            case ReturnKind.ValueTask:
            case ReturnKind.ValueTaskOfT:
                writer.Line("return " + call + ".AsTask();");
                break;
            default:
                writer.Line("return " + call + ";");
                break;
        }

        writer.Close();
    }

    private static string Arguments(MethodModel method)
    {
        var arguments = new List<string>(method.Parameters.Count);
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            arguments.Add("this.Arg" + i);
        }

        return string.Join(", ", arguments);
    }

    private static string FlagsExpression(int flags)
    {
        var parts = new List<string>();
        if ((flags & MethodModel.OneWayFlag) != 0)
        {
            parts.Add(Invocation + ".RequestFlags.OneWay");
        }

        if ((flags & MethodModel.AlwaysInterleaveFlag) != 0)
        {
            parts.Add(Invocation + ".RequestFlags.AlwaysInterleave");
        }

        if ((flags & MethodModel.ReadOnlyFlag) != 0)
        {
            parts.Add(Invocation + ".RequestFlags.ReadOnly");
        }

        return string.Join(" | ", parts);
    }
}
