-- Useful contacts per department (besides the CTAI): SAMU – Centre 15, équipes mobiles, laboratoires, médecins /
-- maisons de santé. Edited by Admin, shown on the call screen for the person's department.
CREATE TABLE useful_contacts
(
    id         bigserial PRIMARY KEY,
    department text NOT NULL,
    category   text NOT NULL CHECK (category IN ('samu', 'mobileTeam', 'laboratory', 'doctor', 'other')),
    name       text NOT NULL,
    phone      text NOT NULL,
    email      text NOT NULL DEFAULT '',
    notes      text NOT NULL DEFAULT ''
);
CREATE INDEX ix_useful_contacts_department ON useful_contacts (department, category);
