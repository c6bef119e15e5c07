namespace EdgeHive.Grains.Runtime.GrainDirectory;

/// <summary>Where the single activation of a grain lives: the silo and the activation's own id.</summary>
public sealed record GrainAddress(GrainId GrainId, SiloAddress Silo, string ActivationId);
