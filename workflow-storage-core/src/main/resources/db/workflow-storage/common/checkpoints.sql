-- pyworkflow's checkpoints (schema version 3 on): a stream step's saved state. The same on
-- PostgreSQL and Citus (a reference table there).
CREATE TABLE IF NOT EXISTS checkpoints (
    step_run_id TEXT PRIMARY KEY,
    data JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
)
