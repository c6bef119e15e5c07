using System.Collections.Generic;
using System.Threading;
using EdgeHive.Grains.CodeGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Turns an interface declaration into an equatable <see cref="InterfaceModel"/>, validating the interface
/// and every grain interface it inherits. No symbol escapes this class.</summary>
internal static class GrainInterfaceParser
{
    /// <summary>Cheap syntactic filter: only interfaces with a base list can derive from IGrain.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is InterfaceDeclarationSyntax { BaseList.Types.Count: > 0 };

    /// <summary>The model for a grain interface, or null when the declaration is not (the primary part of) one.</summary>
    public static InterfaceModel? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var syntax = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, cancellationToken) is not { } symbol ||
            GrainSymbols.IsMarker(symbol) ||
            !GrainSymbols.DerivesFromIGrain(symbol) ||
            !IsPrimaryDeclaration(symbol, syntax))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var fallback = LocationInfo.From(syntax.Identifier.GetLocation());
        var valid = true;

        var shape = Describe(symbol, diagnostics, fallback, reportAtMembers: true, ref valid);

        var bases = new List<BaseInterfaceModel>();
        var assembly = context.SemanticModel.Compilation.Assembly;
        foreach (var inherited in symbol.AllInterfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (GrainSymbols.IsMarker(inherited))
            {
                continue;
            }

            var isExternal = !SymbolEqualityComparer.Default.Equals(inherited.ContainingAssembly, assembly);
            if (!GrainSymbols.DerivesFromIGrain(inherited))
            {
                valid = false;
                if (!IsReportedByLocalBase(symbol, inherited, assembly))
                {
                    diagnostics.Add(Create(GrainDiagnostics.NonGrainBaseInterface, fallback, GrainSymbols.FullName(symbol), GrainSymbols.FullName(inherited)));
                }

                continue;
            }

            // A base declared in this compilation reports its own problems; only external ones are reported here.
            var baseValid = true;
            var baseDiagnostics = isExternal ? diagnostics : [];
            var baseShape = Describe(inherited, baseDiagnostics, fallback, reportAtMembers: false, ref baseValid);
            valid &= baseValid;
            bases.Add(new BaseInterfaceModel(baseShape, isExternal));
        }

        return new InterfaceModel(shape, new EquatableArray<BaseInterfaceModel>(bases.ToArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()), valid);
    }

    /// <summary>A partial interface has several declarations; only the first one with a base list produces a model,
    /// so each interface is generated once.</summary>
    private static bool IsPrimaryDeclaration(INamedTypeSymbol symbol, InterfaceDeclarationSyntax syntax)
    {
        if (symbol.DeclaringSyntaxReferences.Length < 2)
        {
            return true;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is InterfaceDeclarationSyntax { BaseList.Types.Count: > 0 } candidate)
            {
                return candidate == syntax;
            }
        }

        return true;
    }

    private static bool IsReportedByLocalBase(INamedTypeSymbol symbol, INamedTypeSymbol nonGrain, IAssemblySymbol assembly)
    {
        foreach (var inherited in symbol.AllInterfaces)
        {
            if (!GrainSymbols.IsMarker(inherited) &&
                GrainSymbols.DerivesFromIGrain(inherited) &&
                SymbolEqualityComparer.Default.Equals(inherited.ContainingAssembly, assembly) &&
                inherited.AllInterfaces.Contains(nonGrain, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    private static InterfaceShape Describe(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, LocationInfo? fallback, bool reportAtMembers, ref bool valid)
    {
        var name = GrainSymbols.FullName(type);
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.Arity > 0)
            {
                valid = false;
                diagnostics.Add(Create(GrainDiagnostics.GenericInterface, fallback, name));
                break;
            }

            if (current.IsFileLocal ||
                current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                valid = false;
                diagnostics.Add(Create(GrainDiagnostics.InaccessibleInterface, fallback, name));
                break;
            }
        }

        var methods = new List<MethodModel>();
        foreach (var member in type.GetMembers())
        {
            var location = reportAtMembers ? LocationInfo.From(FirstLocation(member)) ?? fallback : fallback;
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method when IsProxied(method):
                    var model = DescribeMethod(name, method, methods.Count, diagnostics, location, ref valid);
                    methods.Add(model);
                    break;
                case IPropertySymbol property when !property.IsStatic || property.IsAbstract || property.IsVirtual:
                    valid = false;
                    diagnostics.Add(Create(GrainDiagnostics.NonMethodMember, location, name, property.IsIndexer ? "indexer" : "property", property.Name));
                    break;
                case IEventSymbol @event when !@event.IsStatic || @event.IsAbstract || @event.IsVirtual:
                    valid = false;
                    diagnostics.Add(Create(GrainDiagnostics.NonMethodMember, location, name, "event", @event.Name));
                    break;
                case IMethodSymbol { IsStatic: true } method when method.IsAbstract || method.IsVirtual:
                    // Static abstract members cannot be invoked through a grain reference.
                    valid = false;
                    diagnostics.Add(Create(GrainDiagnostics.NonMethodMember, location, name, "static abstract member", method.Name));
                    break;
            }
        }

        return new InterfaceShape(name, type.ToDisplayString(GrainSymbols.TypeFormat), new EquatableArray<MethodModel>(methods.ToArray()));
    }

    /// <summary>Private and sealed interface methods are helpers with a body that implementations cannot override.</summary>
    private static bool IsProxied(IMethodSymbol method) =>
        method.DeclaredAccessibility != Accessibility.Private && !method.IsSealed;

    private static MethodModel DescribeMethod(string interfaceName, IMethodSymbol method, int id, List<DiagnosticInfo> diagnostics, LocationInfo? location, ref bool valid)
    {
        if (method.IsGenericMethod)
        {
            valid = false;
            diagnostics.Add(Create(GrainDiagnostics.GenericMethod, location, interfaceName, method.Name));
        }

        var flags = 0;
        flags |= GrainSymbols.HasGrainsAttribute(method, "OneWayAttribute") ? MethodModel.OneWayFlag : 0;
        flags |= GrainSymbols.HasGrainsAttribute(method, "AlwaysInterleaveAttribute") ? MethodModel.AlwaysInterleaveFlag : 0;
        flags |= GrainSymbols.HasGrainsAttribute(method, "ReadOnlyAttribute") ? MethodModel.ReadOnlyFlag : 0;
        var oneWay = (flags & MethodModel.OneWayFlag) != 0;

        var returnType = method.ReturnType;
        var returnDisplay = returnType.ToDisplayString(GrainSymbols.TypeFormat);
        ReturnKind kind;
        string? resultType = null;
        if (method.ReturnsVoid)
        {
            kind = ReturnKind.Void;
        }
        else if (GrainSymbols.IsTasksType(returnType, "Task", 0))
        {
            kind = ReturnKind.Task;
        }
        else if (GrainSymbols.IsTasksType(returnType, "ValueTask", 0))
        {
            kind = ReturnKind.ValueTask;
        }
        else if (GrainSymbols.IsTasksType(returnType, "Task", 1))
        {
            kind = ReturnKind.TaskOfT;
            resultType = ((INamedTypeSymbol)returnType).TypeArguments[0].ToDisplayString(GrainSymbols.TypeFormat);
        }
        else if (GrainSymbols.IsTasksType(returnType, "ValueTask", 1))
        {
            kind = ReturnKind.ValueTaskOfT;
            resultType = ((INamedTypeSymbol)returnType).TypeArguments[0].ToDisplayString(GrainSymbols.TypeFormat);
        }
        else
        {
            kind = ReturnKind.Task;
            valid = false;
            diagnostics.Add(Create(GrainDiagnostics.UnsupportedReturnType, location, interfaceName, method.Name, returnDisplay));
        }

        if (oneWay && kind is not (ReturnKind.Void or ReturnKind.Task))
        {
            valid = false;
            diagnostics.Add(Create(GrainDiagnostics.OneWayWithResult, location, interfaceName, method.Name, returnDisplay));
        }
        else if (!oneWay && kind == ReturnKind.Void)
        {
            valid = false;
            diagnostics.Add(Create(GrainDiagnostics.UnsupportedReturnType, location, interfaceName, method.Name, returnDisplay));
        }

        var parameters = new ParameterModel[method.Parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.RefKind != RefKind.None)
            {
                valid = false;
                diagnostics.Add(Create(GrainDiagnostics.ByRefParameter, location, interfaceName, method.Name, parameter.Name, RefKindText(parameter.RefKind)));
            }

            if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameter.Type.IsRefLikeType)
            {
                valid = false;
                diagnostics.Add(Create(GrainDiagnostics.UnsupportedParameterType, location, interfaceName, method.Name, parameter.Name, parameter.Type.ToDisplayString()));
            }

            parameters[i] = new ParameterModel(EscapeIdentifier(parameter.Name), parameter.Type.ToDisplayString(GrainSymbols.TypeFormat));
        }

        return new MethodModel(method.Name, id, kind, returnDisplay, resultType, flags, new EquatableArray<ParameterModel>(parameters));
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };

    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static Location? FirstLocation(ISymbol symbol) => symbol.Locations.Length > 0 ? symbol.Locations[0] : null;

    private static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));
}
