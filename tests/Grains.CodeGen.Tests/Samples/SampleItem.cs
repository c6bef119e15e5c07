namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>A record argument, to check records survive the JSON argument round trip.</summary>
public sealed record SampleItem(string Name, int Count, DateTimeOffset At);
