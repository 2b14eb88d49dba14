-- Orleans ADO.NET grain storage for PostgreSQL. The 10.4 provider writes PayloadBinary only; our storage
-- serializer is System.Text.Json, so the bytes are UTF-8 JSON (readable with convert_from(PayloadBinary, 'UTF8')).
CREATE TABLE OrleansStorage
(
    GrainIdHash integer NOT NULL,
    GrainIdN0 bigint NOT NULL,
    GrainIdN1 bigint NOT NULL,
    GrainTypeHash integer NOT NULL,
    GrainTypeString varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512),
    ServiceId varchar(150) NOT NULL,
    PayloadBinary bytea,
    PayloadXml xml,
    PayloadJson text,
    ModifiedOn timestamp without time zone NOT NULL,
    Version integer
);
CREATE INDEX ix_orleansstorage ON OrleansStorage USING btree (GrainIdHash, GrainTypeHash);

-- Optimistic write: update when the caller's version matches, insert when the caller read nothing.
-- Returns the new version, or the unchanged one when the write lost (Orleans raises InconsistentStateException).
CREATE FUNCTION writetostorage(
    _grainidhash integer, _grainidn0 bigint, _grainidn1 bigint, _graintypehash integer,
    _graintypestring varchar, _grainidextensionstring varchar, _serviceid varchar,
    _grainstateversion integer, _payloadbinary bytea, _payloadjson text, _payloadxml xml)
RETURNS TABLE(newgrainstateversion integer) AS $$
DECLARE n int := 0; v int := _grainstateversion;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        UPDATE OrleansStorage
           SET PayloadBinary = _payloadbinary, PayloadJson = _payloadjson, PayloadXml = _payloadxml,
               ModifiedOn = (now() at time zone 'utc'), Version = Version + 1
         WHERE GrainIdHash = _grainidhash AND GrainTypeHash = _graintypehash
           AND GrainIdN0 = _grainidn0 AND GrainIdN1 = _grainidn1
           AND GrainTypeString = _graintypestring
           AND GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
           AND ServiceId = _serviceid AND Version = _grainstateversion;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN v := _grainstateversion + 1; END IF;
    ELSE
        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId, PayloadBinary, PayloadJson, PayloadXml, ModifiedOn, Version)
        SELECT _grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring,
            _grainidextensionstring, _serviceid, _payloadbinary, _payloadjson, _payloadxml,
            (now() at time zone 'utc'), 1
        WHERE NOT EXISTS (
            SELECT 1 FROM OrleansStorage
             WHERE GrainIdHash = _grainidhash AND GrainTypeHash = _graintypehash
               AND GrainIdN0 = _grainidn0 AND GrainIdN1 = _grainidn1
               AND GrainTypeString = _graintypestring
               AND GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
               AND ServiceId = _serviceid);
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN v := 1; END IF;
    END IF;
    RETURN QUERY SELECT v;
END $$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery(QueryKey, QueryText) VALUES
('WriteToStorageKey', '
    SELECT * FROM writetostorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary, NULL, NULL);
'),
('ReadFromStorageKey', '
    SELECT PayloadBinary, PayloadXml, PayloadJson, (now() at time zone ''utc''), Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId;
'),
('ClearStorageKey', '
    UPDATE OrleansStorage
       SET PayloadBinary = NULL, PayloadJson = NULL, PayloadXml = NULL, Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
');
