namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>One step of a <see cref="Scenario"/>, acting on one named connection; null <paramref name="OnlyFor"/>: every broker.</summary>
internal sealed record ScenarioStep(string Connection, string Text, Func<ScenarioRun, string, Task> Run, BrokerKind? OnlyFor);
