namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>A grain interface that the generated proxy implements by inheritance.</summary>
/// <param name="Shape">The base interface and its own methods.</param>
/// <param name="IsExternal">Declared in another assembly: its generated request classes are internal there, so the
/// proxy uses file-local copies with the same interface name and method ids.</param>
internal sealed record BaseInterfaceModel(InterfaceShape Shape, bool IsExternal);
