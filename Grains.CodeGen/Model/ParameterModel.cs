namespace EdgeHive.Grains.CodeGen.Model;

/// <summary>One parameter of a grain method.</summary>
/// <param name="Name">The name as it must appear in C# (keywords already escaped with <c>@</c>).</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
internal sealed record ParameterModel(string Name, string Type);
