using Microsoft.CodeAnalysis;

namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>An equatable description of a diagnostic to report, turned into a <see cref="Diagnostic"/> only in
/// the output stage.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation(), arguments);
    }
}
