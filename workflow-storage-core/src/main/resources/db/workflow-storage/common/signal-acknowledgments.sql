-- pyworkflow's signal_acknowledgments (schema version 3). The same on PostgreSQL and Citus (a
-- reference table there).
CREATE TABLE IF NOT EXISTS signal_acknowledgments (
    signal_id TEXT NOT NULL,
    step_run_id TEXT NOT NULL,
    acknowledged_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (signal_id, step_run_id)
)
