-- The database as pyworkflow's PostgresStorageBackend leaves it (schema version 2, as of the Citus
-- change), with a little data written the way its Python code writes it.
CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL, description TEXT);
INSERT INTO schema_versions (version, applied_at, description) VALUES
    (1, now(), 'Baseline: original schema'),
    (2, now(), 'Add step_id column to events table for optimized has_event() queries');
CREATE TABLE IF NOT EXISTS workflow_runs (
    run_id TEXT PRIMARY KEY, workflow_name TEXT NOT NULL, status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ,
    input_args TEXT NOT NULL DEFAULT '[]', input_kwargs TEXT NOT NULL DEFAULT '{}', result TEXT, error TEXT,
    idempotency_key TEXT, max_duration TEXT, metadata TEXT DEFAULT '{}', recovery_attempts INTEGER DEFAULT 0,
    max_recovery_attempts INTEGER DEFAULT 3, recover_on_worker_loss BOOLEAN DEFAULT TRUE,
    parent_run_id TEXT REFERENCES workflow_runs(run_id), nesting_depth INTEGER DEFAULT 0,
    continued_from_run_id TEXT, continued_to_run_id TEXT);
CREATE INDEX IF NOT EXISTS idx_runs_status ON workflow_runs(status);
CREATE INDEX IF NOT EXISTS idx_runs_workflow_name ON workflow_runs(workflow_name);
CREATE INDEX IF NOT EXISTS idx_runs_created_at ON workflow_runs(created_at DESC);
CREATE UNIQUE INDEX IF NOT EXISTS idx_runs_idempotency_key ON workflow_runs(idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_runs_parent_run_id ON workflow_runs(parent_run_id);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY, run_id TEXT NOT NULL REFERENCES workflow_runs(run_id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL, type TEXT NOT NULL, timestamp TIMESTAMPTZ NOT NULL, data TEXT NOT NULL DEFAULT '{}',
    step_id TEXT);
CREATE INDEX IF NOT EXISTS idx_events_run_id_sequence ON events(run_id, sequence);
CREATE INDEX IF NOT EXISTS idx_events_run_id_type ON events(run_id, type);
CREATE INDEX IF NOT EXISTS idx_events_run_id_step_id_type ON events(run_id, step_id, type);
CREATE TABLE IF NOT EXISTS steps (
    step_id TEXT PRIMARY KEY, run_id TEXT NOT NULL REFERENCES workflow_runs(run_id) ON DELETE CASCADE,
    step_name TEXT NOT NULL, status TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ, input_args TEXT NOT NULL DEFAULT '[]', input_kwargs TEXT NOT NULL DEFAULT '{}',
    result TEXT, error TEXT, retry_count INTEGER DEFAULT 0);
CREATE INDEX IF NOT EXISTS idx_steps_run_id ON steps(run_id);
CREATE TABLE IF NOT EXISTS hooks (
    run_id TEXT NOT NULL REFERENCES workflow_runs(run_id) ON DELETE CASCADE, hook_id TEXT NOT NULL,
    token TEXT UNIQUE NOT NULL, created_at TIMESTAMPTZ NOT NULL, received_at TIMESTAMPTZ, expires_at TIMESTAMPTZ,
    status TEXT NOT NULL, payload TEXT, metadata TEXT DEFAULT '{}', PRIMARY KEY (run_id, hook_id));
CREATE UNIQUE INDEX IF NOT EXISTS idx_hooks_token ON hooks(token);
CREATE INDEX IF NOT EXISTS idx_hooks_run_id ON hooks(run_id);
CREATE INDEX IF NOT EXISTS idx_hooks_status ON hooks(status);
CREATE TABLE IF NOT EXISTS schedules (
    schedule_id TEXT PRIMARY KEY, workflow_name TEXT NOT NULL, spec TEXT NOT NULL, spec_type TEXT NOT NULL,
    timezone TEXT, input_args TEXT NOT NULL DEFAULT '[]', input_kwargs TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL, overlap_policy TEXT NOT NULL, next_run_time TIMESTAMPTZ, last_run_time TIMESTAMPTZ,
    running_run_ids TEXT DEFAULT '[]', metadata TEXT DEFAULT '{}', created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL, paused_at TIMESTAMPTZ, deleted_at TIMESTAMPTZ);
CREATE INDEX IF NOT EXISTS idx_schedules_status ON schedules(status);
CREATE INDEX IF NOT EXISTS idx_schedules_next_run_time ON schedules(next_run_time);
CREATE INDEX IF NOT EXISTS idx_schedules_workflow_name ON schedules(workflow_name);
CREATE TABLE IF NOT EXISTS cancellation_flags (
    run_id TEXT PRIMARY KEY REFERENCES workflow_runs(run_id) ON DELETE CASCADE, created_at TIMESTAMPTZ NOT NULL);

INSERT INTO workflow_runs (run_id, workflow_name, status, created_at, updated_at, input_args, input_kwargs,
    idempotency_key, metadata, recovery_attempts, max_recovery_attempts, recover_on_worker_loss, nesting_depth)
VALUES ('py-run-1', 'python_workflow', 'running', '2026-03-01 10:00:00.123456+00', '2026-03-01 10:00:01+00',
    '["a"]', '{"x": 1}', 'py-key-1', '{"step": 1}', 0, 3, true, 0);
INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id) VALUES
    ('py-evt-0', 'py-run-1', 0, 'workflow.started', '2026-03-01 10:00:00+00', '{}', NULL),
    ('py-evt-1', 'py-run-1', 1, 'step.completed', '2026-03-01 10:00:02+00', '{"step_id": "s1", "result": "ok"}', 's1');
INSERT INTO schedules (schedule_id, workflow_name, spec, spec_type, timezone, input_args, input_kwargs, status,
    overlap_policy, next_run_time, running_run_ids, metadata, created_at, updated_at)
VALUES ('py-sched-1', 'python_workflow',
    '{"cron": null, "interval": "5m", "calendar": null, "timezone": "UTC", "start_at": "2026-03-01T00:00:00+00:00", "end_at": null, "jitter": null}',
    'interval', 'UTC', '[]', '{}', 'active', 'skip', '2026-03-01 10:05:00+00', '["py-run-1"]', '{}',
    '2026-03-01 09:00:00+00', '2026-03-01 09:00:00+00');
