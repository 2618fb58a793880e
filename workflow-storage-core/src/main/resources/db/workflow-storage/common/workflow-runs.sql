-- pyworkflow's workflow_runs: columns and the indexes PostgreSQL and Citus share.
-- The keys differ: the changelog that runs this file sets them in its property workflow_runs.keys.
CREATE TABLE IF NOT EXISTS workflow_runs (
    run_id TEXT NOT NULL,
    workflow_name TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    input_args TEXT NOT NULL DEFAULT '[]',
    input_kwargs TEXT NOT NULL DEFAULT '{}',
    result TEXT,
    error TEXT,
    idempotency_key TEXT,
    max_duration TEXT,
    metadata TEXT DEFAULT '{}',
    recovery_attempts INTEGER DEFAULT 0,
    max_recovery_attempts INTEGER DEFAULT 3,
    recover_on_worker_loss BOOLEAN DEFAULT TRUE,
    parent_run_id TEXT,
    nesting_depth INTEGER DEFAULT 0,
    continued_from_run_id TEXT,
    continued_to_run_id TEXT,
    ${workflow_runs.keys}
);
CREATE INDEX IF NOT EXISTS idx_runs_status ON workflow_runs(status);
CREATE INDEX IF NOT EXISTS idx_runs_workflow_name ON workflow_runs(workflow_name);
CREATE INDEX IF NOT EXISTS idx_runs_created_at ON workflow_runs(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_runs_created_at_run_id ON workflow_runs(created_at DESC, run_id DESC);
CREATE INDEX IF NOT EXISTS idx_runs_parent_run_id ON workflow_runs(parent_run_id)
