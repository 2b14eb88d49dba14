-- RGPD: the access journal (who read or changed what, when, from where), append-only in the database itself.
-- UPDATE, DELETE and TRUNCATE are refused by triggers unless the transaction went through one of the purge's own
-- functions below (they set followup.privacy_purge locally). The platform's role has no UPDATE/DELETE grant on it
-- at all (run.sh, scripts/pg.sh); the owner (migrations) is stopped by the triggers.
CREATE TABLE access_log
(
    id          bigserial PRIMARY KEY,
    entry_id    uuid NOT NULL UNIQUE,          -- given by the writer: a retried batch never writes an entry twice
    at          timestamptz NOT NULL,
    user_name   text NOT NULL,                 -- account, or the API key's name
    role        text NOT NULL DEFAULT '',
    action      text NOT NULL,
    object_type text NULL,                     -- person, import, report, account, settings, search, accessLog, …
    object_id   text NULL,
    detail      text NULL,
    channel     text NOT NULL CHECK (channel IN ('UI', 'API')),
    ip          text NULL
);
CREATE INDEX ix_access_log_at ON access_log (at);
CREATE INDEX ix_access_log_object ON access_log (object_type, object_id, at);
CREATE INDEX ix_access_log_user ON access_log (user_name, at);

CREATE FUNCTION privacy_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('followup.privacy_purge', true), '') = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused (only the retention purge may change it)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION privacy_refuse_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION privacy_refuse_change();

-- The purge's functions: the only way to remove or redact journal entries. SECURITY DEFINER (run as the owner), so
-- the platform's role only needs EXECUTE on them.
CREATE FUNCTION access_log_purge(before timestamptz) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE n integer;
BEGIN
    PERFORM set_config('followup.privacy_purge', 'on', true);
    DELETE FROM access_log WHERE at < before;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('followup.privacy_purge', 'off', true);
    RETURN n;
END $$;

-- Search terms are personal data: redacted once older than the persons' retention, or when they name a purged person.
CREATE FUNCTION access_log_redact(before timestamptz, terms text[]) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE n integer;
BEGIN
    PERFORM set_config('followup.privacy_purge', 'on', true);
    UPDATE access_log SET object_id = '[effacé]'
    WHERE object_type = 'search' AND object_id IS DISTINCT FROM '[effacé]'
      AND (at < before OR EXISTS (SELECT 1 FROM unnest(terms) t WHERE length(t) >= 2 AND strpos(lower(object_id), lower(t)) > 0));
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('followup.privacy_purge', 'off', true);
    RETURN n;
END $$;

-- Staff role of the DPO (read-only: journal and privacy pages).
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('Operator', 'Supervisor', 'Admin', 'Dpo'));
