-- "Éléments de langage" (issue 16 §4): the ARS's edits of the SMS templates (kind 'sms', key = language) and of the
-- call scripts' texts (kind 'callScript', key = script id, text = JSON {title, steps: [{title, text}]}). Append-only:
-- each row is one change (who, when, the text before it); the text in force is the latest row of its (kind, key), a
-- NULL text meaning "back to the default" (the files shipped with the release).
CREATE TABLE message_text_versions
(
    id            bigserial PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('sms', 'callScript')),
    key           text        NOT NULL,
    text          text        NULL,
    previous      text        NULL,
    action        text        NOT NULL CHECK (action IN ('edit', 'reset', 'restore')),
    restored_from bigint      NULL REFERENCES message_text_versions (id),
    changed_by    text        NOT NULL,
    changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_message_text_versions_key ON message_text_versions (kind, key, id DESC);
