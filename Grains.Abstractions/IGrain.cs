namespace EdgeHive.Grains;

/// <summary>Marker for every grain interface. Grain interfaces get a generated proxy.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key, the only key kind EdgeHive uses.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>
/// Marker for observer interfaces: objects outside the grain catalog (a socket, a portal circuit) that grains push to.
/// Observer methods should return <see cref="Task"/> or be one-way.
/// </summary>
public interface IGrainObserver : IGrain;
