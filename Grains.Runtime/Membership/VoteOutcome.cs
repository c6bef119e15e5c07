namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>The result of adding a suspicion vote: the votes to write into the target's row, and whether they
/// suffice to declare it dead in the same write.</summary>
internal sealed record VoteOutcome(IReadOnlyList<SuspectVote> Votes, bool IsDead);
