-- Delivery reports that arrived before the SMS's own record (the operator can answer faster than we write):
-- kept here and applied when the record is written.
CREATE TABLE pending_delivery_reports
(
    provider_id     text PRIMARY KEY,
    delivery_status text NOT NULL,
    delivered       boolean NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now()
);
