namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// Schema migrations of the agent database. Migration <c>i</c> brings the file from <c>PRAGMA user_version</c> = i
/// to i + 1; each runs in one transaction together with the version bump, so a crash leaves either version.
/// Append new migrations; never edit a shipped one.
/// </summary>
internal static class AgentSchema
{
    public static readonly string[] Migrations =
    [
        // 1: everything the agent needs offline, in one file.
        """
        CREATE TABLE meta (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            resource_version TEXT NOT NULL,
            content TEXT NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (kind, key)) WITHOUT ROWID;

        CREATE TABLE device (
            id TEXT NOT NULL PRIMARY KEY,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            state TEXT NOT NULL DEFAULT 'unknown',
            last_online TEXT);
        CREATE INDEX device_by_name ON device (name);

        CREATE TABLE device_attr (
            device_id TEXT NOT NULL REFERENCES device (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT,
            value TEXT,
            optional INTEGER NOT NULL DEFAULT 1,
            attr_type TEXT,
            metadata TEXT,
            PRIMARY KEY (device_id, name));

        CREATE TABLE device_twin (
            device_id TEXT NOT NULL REFERENCES device (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT,
            expected TEXT,
            expected_ts INTEGER,
            expected_cloud_version INTEGER NOT NULL DEFAULT 0,
            expected_edge_version INTEGER NOT NULL DEFAULT 0,
            actual TEXT,
            actual_ts INTEGER,
            actual_cloud_version INTEGER NOT NULL DEFAULT 0,
            actual_edge_version INTEGER NOT NULL DEFAULT 0,
            optional INTEGER NOT NULL DEFAULT 1,
            attr_type TEXT,
            deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (device_id, name));

        -- AUTOINCREMENT: a sequence number is never reused, even after the newest entry was acknowledged and
        -- deleted, so the cloud can treat (node, seq) as an idempotency key across restarts.
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            coalesce_key TEXT,
            payload TEXT NOT NULL,
            created INTEGER NOT NULL);
        CREATE INDEX outbox_by_key ON outbox (coalesce_key) WHERE coalesce_key IS NOT NULL;

        CREATE TABLE credential (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            node_name TEXT NOT NULL,
            token TEXT NOT NULL,
            updated INTEGER NOT NULL);
        """,

        // 2: tombstones for deleted cloud objects, so an older resend can never resurrect them.
        """
        ALTER TABLE meta ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
        """,
    ];

    /// <summary>The schema version a fully migrated file has.</summary>
    public static int CurrentVersion => Migrations.Length;
}
