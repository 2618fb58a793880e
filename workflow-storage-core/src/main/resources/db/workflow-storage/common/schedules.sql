-- pyworkflow's schedules, the same on PostgreSQL and Citus (distributed there on schedule_id).
CREATE TABLE IF NOT EXISTS schedules (
    schedule_id TEXT PRIMARY KEY,
    workflow_name TEXT NOT NULL,
    spec TEXT NOT NULL,
    spec_type TEXT NOT NULL,
    timezone TEXT,
    input_args TEXT NOT NULL DEFAULT '[]',
    input_kwargs TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    overlap_policy TEXT NOT NULL,
    next_run_time TIMESTAMPTZ,
    last_run_time TIMESTAMPTZ,
    running_run_ids TEXT DEFAULT '[]',
    metadata TEXT DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    paused_at TIMESTAMPTZ,
    deleted_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS idx_schedules_status ON schedules(status);
CREATE INDEX IF NOT EXISTS idx_schedules_next_run_time ON schedules(next_run_time);
CREATE INDEX IF NOT EXISTS idx_schedules_workflow_name ON schedules(workflow_name)
