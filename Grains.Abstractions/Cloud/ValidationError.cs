namespace EdgeHive.Grains.Cloud;

/// <summary>One broken rule: which field or twin property, and why.</summary>
/// <param name="Property">The twin property name or the field path (for example <c>spec.nodeName</c>).</param>
/// <param name="Message">What is wrong, in words an operator can act on.</param>
public sealed record ValidationError(string Property, string Message);
