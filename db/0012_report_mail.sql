-- When each kept daily report was e-mailed to the ARS list (null: not yet, or mail not configured).
ALTER TABLE daily_reports ADD COLUMN mailed_at timestamptz NULL;
