-- EdgeHive's PostgreSQL schema for Microsoft Orleans 10.4.2 AdoNet clustering and reminders (invariant "Npgsql").
--
-- The Orleans packages ship no SQL; EdgeHive owns this script. Silos run it at start when the database does not yet
-- record this version (EdgeHive.Cloud.Clustering.OrleansPostgresSchema); an operator may run it beforehand instead:
--     psql "host=... dbname=..." -v ON_ERROR_STOP=1 -f postgresql-orleans-10.4.2.sql
-- Every statement is idempotent, and the whole script runs in one transaction behind an advisory lock, so any number
-- of silos may run it at once on an empty database.
--
-- The providers read their statements from the OrleansQuery table by key, and call them with named parameters
-- (@DeploymentId is Orleans' ClusterId, @ServiceId its ServiceId). Column aliases are the names the providers read.

BEGIN;

-- Serialises concurrent runs (the same key as OrleansPostgresSchema): CREATE ... IF NOT EXISTS alone is not safe
-- against a concurrent CREATE of the same name.
SELECT pg_advisory_xact_lock(4992327539803644270);

-- Which version of this schema the database holds, per component; a later package version migrates from it.
CREATE TABLE IF NOT EXISTS edgehive_schema_versions
(
    component  text        NOT NULL PRIMARY KEY,
    version    text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- Unquoted on purpose: the providers read "SELECT QueryKey, QueryText FROM OrleansQuery".
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- Membership: one version row per cluster. Every change but a heartbeat is a compare-and-swap on this version in the
-- same statement as the row change (Orleans' membership protocol).
CREATE TABLE IF NOT EXISTS orleans_membership_versions
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation). Status is Orleans' SiloStatus (3 = Active, 6 = Dead).
-- SuspectTimes is Orleans' own text form of the suspicion votes ("silo,time|silo,time").
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_versions (deployment_id) ON DELETE CASCADE,
    address         varchar(45) NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminder ETags come from one sequence, so a reminder deleted and registered again never gets an ETag it had
-- before (an old ETag cannot delete the new reminder). Orleans reads the ETag as a 32-bit integer, hence the type.
CREATE SEQUENCE IF NOT EXISTS orleans_reminder_etags AS integer CYCLE;

-- grain_hash is Orleans' uniform hash of the grain id (a uint, stored as the signed integer Orleans passes); each
-- silo reads the rows of its ring range.
CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

-- The statements, by the key each provider asks for. Re-running the script replaces them.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Inserts the cluster's version row unless it exists; returns whether it inserted.
('InsertMembershipVersionKey', $sql$
WITH inserted AS (
    INSERT INTO orleans_membership_versions (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted)
$sql$),

-- Inserts a silo's row if the cluster version is still @Version (bumping it) and the row is new; returns success.
-- The version row is updated first, so a concurrent writer waits on its lock and then finds another version.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_versions SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership
                      WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted)
$sql$),

-- Updates a silo's status, votes and heartbeat if the cluster version is still @Version (bumping it); returns success.
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_versions SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership
                  WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM updated)
$sql$),

-- A heartbeat: never touches the version, so it never makes a real change lose its compare-and-swap.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$),

-- The version and one silo's row; with no such silo, one row of the version and NULLs (Orleans reads the version
-- from the first row, and "no StartTime" as "no entry").
('MembershipReadRowKey', $sql$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_versions v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$sql$),

-- The version and every silo's row of the cluster (one row of NULLs with the version when there is none).
('MembershipReadAllKey', $sql$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_versions v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$sql$),

-- Gateways of the cluster's silos in status @Status (Active), for cluster clients.
('GatewaysQueryKey', $sql$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$),

-- Removes a whole cluster: its version row, and through the cascade its silos' rows.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership_versions WHERE deployment_id = @DeploymentId
$sql$),

-- Removes rows of silos that are not Active and gave no sign of life (heartbeat or start) since @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status <> 3 AND GREATEST(i_am_alive_time, start_time) < @IAmAliveTime
$sql$),

-- Reminders of one grain.
('ReadReminderRowsKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$sql$),

-- One reminder (no row when there is none).
('ReadReminderRowKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$sql$),

-- Ring range (BeginHash, EndHash] when it does not wrap. Orleans passes the hashes as signed integers and picks this
-- statement when (int)begin < (int)end; the signed order is the unsigned ring cut at another point, so it holds.
('ReadRangeRows1Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$sql$),

-- Ring range that wraps around (begin >= end; begin = end is the whole ring).
('ReadRangeRows2Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$sql$),

-- Inserts or replaces a reminder with a fresh ETag, and returns it.
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, nextval('orleans_reminder_etags'))
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash, version = EXCLUDED.version
RETURNING version AS "Version"
$sql$),

-- Deletes a reminder if its ETag is still @Version; returns whether it did.
('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted)
$sql$),

-- Deletes every reminder of the service.
('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO edgehive_schema_versions (component, version) VALUES ('orleans', '10.4.2')
ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now();

COMMIT;
