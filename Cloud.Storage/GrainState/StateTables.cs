namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>The pair of tables a <see cref="SqlGrainStateStore"/> writes: rows with versions, and their index entries.
/// Grain state and system records have the same rules (conditional writes, entries in the same transaction) but
/// tables of their own, so system records never show up among grains and grain queries never scan them.</summary>
/// <param name="State">One row per record: payload, version, time of the last write.</param>
/// <param name="Index">Index entries of the rows, replaced with every write.</param>
internal sealed record StateTables(string State, string Index)
{
    /// <summary>Grain state and the read model written with it.</summary>
    public static StateTables Grains { get; } = new("grain_state", "grain_index");

    /// <summary>System records: API and join tokens, node credentials, portal users, data-protection keys, silo
    /// statistics.</summary>
    public static StateTables System { get; } = new("system_record", "system_record_index");
}
