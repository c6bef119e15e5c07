using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.CodeGen.Tests.Infrastructure;

/// <summary>One call a proxy made on the <see cref="RecordingInvoker"/>.</summary>
internal sealed record RecordedCall(GrainReference Target, Request Request, RecordedCallKind Kind);
