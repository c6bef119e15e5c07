using Microsoft.CodeAnalysis;

namespace EdgeHive.Grains.CodeGen;

/// <summary>Errors the generator reports for grain interfaces it cannot proxy. Each message names the interface
/// and the member so the fix is obvious without opening the generator.</summary>
internal static class GrainDiagnostics
{
    private const string Category = "EdgeHive.Grains";

    public static readonly DiagnosticDescriptor GenericInterface = new(
        "EHG001",
        "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic (or nested in a generic type); generic grain interfaces are not supported",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonMethodMember = new(
        "EHG002",
        "Grain interfaces may only declare methods",
        "Grain interface '{0}' declares {1} '{2}'; grain interfaces may only declare instance methods",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericMethod = new(
        "EHG003",
        "Generic grain methods are not supported",
        "Method '{1}' of grain interface '{0}' is generic; grain methods cannot have type parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        "EHG004",
        "Grain method parameters must be passed by value",
        "Parameter '{2}' of method '{1}' in grain interface '{0}' is a '{3}' parameter; grain method parameters must be passed by value",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "EHG005",
        "Unsupported grain method return type",
        "Method '{1}' of grain interface '{0}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>, or void when marked [OneWay]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OneWayWithResult = new(
        "EHG006",
        "One-way grain methods cannot return a result",
        "Method '{1}' of grain interface '{0}' is [OneWay] but returns '{2}'; one-way methods must return void or Task",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InaccessibleInterface = new(
        "EHG007",
        "Grain interfaces must be accessible to generated code",
        "Grain interface '{0}' is private, protected or file-local; grain interfaces and their containing types must be public or internal",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        "EHG008",
        "Unsupported grain method parameter type",
        "Parameter '{2}' of method '{1}' in grain interface '{0}' has type '{3}', which cannot be stored in a request or serialized; use a regular class, struct or record",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonGrainBaseInterface = new(
        "EHG009",
        "Grain interfaces may only extend grain interfaces",
        "Grain interface '{0}' extends '{1}', which does not derive from IGrain; its methods could not be called remotely",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
