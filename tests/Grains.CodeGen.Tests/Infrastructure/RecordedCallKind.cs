namespace EdgeHive.Grains.CodeGen.Tests.Infrastructure;

/// <summary>Which invoker method a proxy used.</summary>
internal enum RecordedCallKind
{
    WithoutResult,
    WithResult,
    OneWay,
}
