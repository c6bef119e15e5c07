using System.Text;
using Microsoft.CodeAnalysis;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Recognises the contract types of Grains.Abstractions by name, without compilation-wide lookups, so the
/// per-interface transform stays cheap.</summary>
internal static class GrainSymbols
{
    /// <summary>Fully qualified, with nullable annotations, so generated signatures match the interface exactly.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions |
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>True for <c>EdgeHive.Grains.IGrain</c> itself.</summary>
    public static bool IsIGrain(INamedTypeSymbol type) => type.Arity == 0 && type.Name == "IGrain" && IsGrainsNamespace(type);

    /// <summary>The marker interfaces that have no methods of their own and get no proxy.</summary>
    public static bool IsMarker(INamedTypeSymbol type) =>
        type.Arity == 0 &&
        type.Name is "IGrain" or "IGrainWithStringKey" or "IGrainObserver" &&
        type.ContainingType is null &&
        IsGrainsNamespace(type);

    /// <summary>True for interfaces that derive, directly or not, from IGrain.</summary>
    public static bool DerivesFromIGrain(INamedTypeSymbol type)
    {
        foreach (var candidate in type.AllInterfaces)
        {
            if (IsIGrain(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the method carries the attribute <c>EdgeHive.Grains.{name}</c>.</summary>
    public static bool HasGrainsAttribute(IMethodSymbol method, string name)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && type.Name == name && type.ContainingType is null && IsGrainsNamespace(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a type named <paramref name="name"/> with <paramref name="arity"/> type parameters in
    /// <c>System.Threading.Tasks</c>.</summary>
    public static bool IsTasksType(ITypeSymbol type, string name, int arity) =>
        type is INamedTypeSymbol named &&
        named.Arity == arity &&
        named.Name == name &&
        named.ContainingType is null &&
        named.ContainingNamespace is { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The name <c>Type.FullName</c> would give a non-generic type: namespace-qualified, nested types
    /// joined with <c>+</c>.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder(type.Name);
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            builder.Insert(0, '+').Insert(0, container.Name);
        }

        if (!type.ContainingNamespace.IsGlobalNamespace)
        {
            builder.Insert(0, '.').Insert(0, type.ContainingNamespace.ToDisplayString());
        }

        return builder.ToString();
    }

    private static bool IsGrainsNamespace(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "Grains", ContainingNamespace: { Name: "EdgeHive", ContainingNamespace.IsGlobalNamespace: true } };
}
