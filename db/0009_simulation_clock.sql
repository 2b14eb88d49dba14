-- Simulation mode only: the virtual clock's last value, so a restarted silo resumes where the simulation was.
CREATE TABLE simulation_clock
(
    id  integer PRIMARY KEY CHECK (id = 1),
    now timestamptz NOT NULL
);
