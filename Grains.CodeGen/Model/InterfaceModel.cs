namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>Everything the generator knows about one grain interface declared in the compilation.</summary>
/// <param name="Shape">The interface and its own methods.</param>
/// <param name="Bases">Inherited grain interfaces (markers excluded) whose methods the proxy implements.</param>
/// <param name="Diagnostics">Problems to report for this interface.</param>
/// <param name="CanGenerate">False when the interface or a base is unsupported: emitting a proxy would only add
/// compiler errors on top of the diagnostics.</param>
internal sealed record InterfaceModel(
    InterfaceShape Shape,
    EquatableArray<BaseInterfaceModel> Bases,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool CanGenerate);
