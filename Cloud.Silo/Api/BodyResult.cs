namespace EdgeHive.Cloud.Silo.Api;

/// <summary>A request body read by <see cref="RequestBodies"/>: the value, or the problem to answer with.</summary>
internal readonly record struct BodyResult<T>(T? Value, ProblemResult? Problem)
    where T : class;
