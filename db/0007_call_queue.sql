-- Call queue: ARS priorities (changed at runtime), the rank each due call gets from them, the "next call" index,
-- and the CTAI directory per department.
CREATE TABLE call_priorities
(
    milestone text PRIMARY KEY,
    rank      integer NOT NULL
);
INSERT INTO call_priorities (milestone, rank) VALUES ('J2', 1), ('J4', 2), ('J7', 3), ('J7TestFollowUp', 4), ('J9', 5);

CREATE TABLE queue_settings
(
    id               integer PRIMARY KEY CHECK (id = 1),
    vulnerable_first boolean NOT NULL
);
INSERT INTO queue_settings (id, vulnerable_first) VALUES (1, true);

-- Lower is served first: urgent calls (declared difficulty), then vulnerable persons (when set), then the type's rank.
CREATE FUNCTION call_rank(m text, urgent boolean, vulnerable boolean) RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT (CASE WHEN urgent THEN 0 ELSE 1000 END)
         + (CASE WHEN vulnerable AND (SELECT vulnerable_first FROM queue_settings WHERE id = 1) THEN 0 ELSE 100 END)
         + COALESCE((SELECT rank FROM call_priorities WHERE milestone = m), 99)
$$;

ALTER TABLE due_calls ADD COLUMN rank integer NOT NULL DEFAULT 1199;
UPDATE due_calls SET rank = call_rank(milestone, urgent, socially_vulnerable);
CREATE INDEX ix_due_calls_next ON due_calls (rank, due_at);

CREATE TABLE ctai_contacts
(
    department text PRIMARY KEY,
    name       text NOT NULL,
    phone      text NOT NULL,
    email      text NOT NULL DEFAULT '',
    notes      text NOT NULL DEFAULT ''
);
-- PACA departments; the ARS fills in the real numbers on the Admin page (placeholders until then).
INSERT INTO ctai_contacts (department, name, phone, notes) VALUES
    ('04', 'CTAI Alpes-de-Haute-Provence', 'à renseigner', 'Coordonnées à compléter par l''ARS'),
    ('05', 'CTAI Hautes-Alpes', 'à renseigner', 'Coordonnées à compléter par l''ARS'),
    ('06', 'CTAI Alpes-Maritimes', 'à renseigner', 'Coordonnées à compléter par l''ARS'),
    ('13', 'CTAI Bouches-du-Rhône', 'à renseigner', 'Coordonnées à compléter par l''ARS'),
    ('83', 'CTAI Var', 'à renseigner', 'Coordonnées à compléter par l''ARS'),
    ('84', 'CTAI Vaucluse', 'à renseigner', 'Coordonnées à compléter par l''ARS');
