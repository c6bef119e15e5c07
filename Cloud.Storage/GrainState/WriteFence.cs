namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// A condition every grain-state write (and clear) must meet, checked by the database in the write's own statement,
/// so it holds at the moment the row changes. A clustered silo fences its writes on not having been declared dead: a
/// silo that was frozen (or cut off) long enough for the cluster to move its grains elsewhere may still run the calls
/// queued for it before it learns that, and a fresh activation on it would read the current row and pass the ETag
/// check. The fence refuses those writes instead; the caller of such a late call was already told it failed.
/// </summary>
/// <param name="Condition">An SQL boolean expression on the storage's database, e.g. <c>NOT EXISTS (SELECT …)</c>. Its
/// parameters are named in <paramref name="Parameters"/> (use a <c>fence_</c> prefix to stay clear of the store's own).</param>
/// <param name="Parameters">Name (without <c>@</c>) and value of each parameter of <paramref name="Condition"/>.</param>
/// <param name="Refusal">The exception a refused write throws. Nothing was written.</param>
public sealed record WriteFence(string Condition, IReadOnlyDictionary<string, object> Parameters, Func<Exception> Refusal);
