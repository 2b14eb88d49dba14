-- Orleans ADO.NET reminders for PostgreSQL (the contract of Microsoft.Orleans.Reminders.AdoNet 10.4).
CREATE TABLE OrleansRemindersTable
(
    ServiceId varchar(150) NOT NULL,
    GrainId varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime timestamptz(3) NOT NULL,
    Period bigint NOT NULL,
    GrainHash integer NOT NULL,
    Version integer NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY(ServiceId, GrainId, ReminderName)
);
-- Each silo reads the reminders of its hash range: without this index every refresh scans the table.
CREATE INDEX IX_RemindersTable_ServiceId_GrainHash ON OrleansRemindersTable(ServiceId, GrainHash);

CREATE FUNCTION upsert_reminder_row(
    p_service_id varchar, p_grain_id varchar, p_reminder_name varchar,
    p_start_time timestamptz, p_period bigint, p_grain_hash integer)
RETURNS TABLE(version integer) AS $$
    INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (p_service_id, p_grain_id, p_reminder_name, p_start_time, p_period, p_grain_hash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
       SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
           Version = OrleansRemindersTable.Version + 1
    RETURNING OrleansRemindersTable.Version;
$$ LANGUAGE sql;

INSERT INTO OrleansQuery(QueryKey, QueryText) VALUES
('UpsertReminderRowKey', '
    SELECT * FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash);
'),
('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
'),
('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
'),
('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
'),
('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
'),
('DeleteReminderRowKey', '
    WITH d AS (
        DELETE FROM OrleansRemindersTable
         WHERE ServiceId = @ServiceId AND GrainId = @GrainId
           AND ReminderName = @ReminderName AND Version = @Version
        RETURNING 1)
    SELECT count(*)::int FROM d;
'),
('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
');
