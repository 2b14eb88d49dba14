-- "Informations complémentaires" (CCTP art. 3.2): the indicators of the catalogue the ARS picked (Admin › Indicateurs)
-- to appear in the daily report and its exports. One row per selected indicator; the catalogue itself is code
-- (AdditionalIndicatorCatalogue), so an id unknown to it is refused before it gets here.
CREATE TABLE report_indicators
(
    id          text PRIMARY KEY,
    selected_at timestamptz NOT NULL DEFAULT now()
);
