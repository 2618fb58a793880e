-- pyworkflow's steps: columns and the indexes PostgreSQL and Citus share.
-- The keys differ: the changelog that runs this file sets them in its property steps.keys.
CREATE TABLE IF NOT EXISTS steps (
    step_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    step_name TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    input_args TEXT NOT NULL DEFAULT '[]',
    input_kwargs TEXT NOT NULL DEFAULT '{}',
    result TEXT,
    error TEXT,
    retry_count INTEGER DEFAULT 0,
    ${steps.keys}
);
CREATE INDEX IF NOT EXISTS idx_steps_run_id ON steps(run_id)
