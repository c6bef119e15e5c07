namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>One grain method, as much as the emitters need of it.</summary>
/// <param name="Name">The method name as declared (unescaped; used in strings and generated type names).</param>
/// <param name="Id">Index among the declaring interface's own methods, in declaration order.</param>
/// <param name="ReturnKind">Which supported return shape the method has.</param>
/// <param name="ReturnType">The fully qualified return type, as written in the proxy's implementation.</param>
/// <param name="ResultType">The <c>T</c> of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>; null otherwise.</param>
/// <param name="Flags">The <c>RequestFlags</c> value from the method's attributes.</param>
/// <param name="Parameters">The parameters in order.</param>
internal sealed record MethodModel(
    string Name,
    int Id,
    ReturnKind ReturnKind,
    string ReturnType,
    string? ResultType,
    int Flags,
    EquatableArray<ParameterModel> Parameters)
{
    /// <summary>Matches the runtime's <c>RequestFlags.OneWay</c>.</summary>
    public const int OneWayFlag = 1;

    /// <summary>Matches the runtime's <c>RequestFlags.AlwaysInterleave</c>.</summary>
    public const int AlwaysInterleaveFlag = 2;

    /// <summary>Matches the runtime's <c>RequestFlags.ReadOnly</c>.</summary>
    public const int ReadOnlyFlag = 4;

    public bool IsOneWay => (Flags & OneWayFlag) != 0;
}
