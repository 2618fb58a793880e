-- A database from a pyworkflow version before schema versioning: no schema_versions table and
-- no events.step_id column.
CREATE TABLE workflow_runs (
    run_id TEXT PRIMARY KEY, workflow_name TEXT NOT NULL, status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ,
    input_args TEXT NOT NULL DEFAULT '[]', input_kwargs TEXT NOT NULL DEFAULT '{}', result TEXT, error TEXT,
    idempotency_key TEXT, max_duration TEXT, metadata TEXT DEFAULT '{}', recovery_attempts INTEGER DEFAULT 0,
    max_recovery_attempts INTEGER DEFAULT 3, recover_on_worker_loss BOOLEAN DEFAULT TRUE,
    parent_run_id TEXT REFERENCES workflow_runs(run_id), nesting_depth INTEGER DEFAULT 0,
    continued_from_run_id TEXT, continued_to_run_id TEXT);
CREATE UNIQUE INDEX idx_runs_idempotency_key ON workflow_runs(idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE TABLE events (
    event_id TEXT PRIMARY KEY, run_id TEXT NOT NULL REFERENCES workflow_runs(run_id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL, type TEXT NOT NULL, timestamp TIMESTAMPTZ NOT NULL, data TEXT NOT NULL DEFAULT '{}');
CREATE INDEX idx_events_run_id_sequence ON events(run_id, sequence);
INSERT INTO workflow_runs (run_id, workflow_name, status, created_at, updated_at)
VALUES ('old-run', 'legacy', 'running', '2025-01-01 00:00:00+00', '2025-01-01 00:00:00+00');
INSERT INTO events (event_id, run_id, sequence, type, timestamp, data) VALUES
    ('old-evt-0', 'old-run', 0, 'step.completed', '2025-01-01 00:00:01+00', '{"step_id": "legacy-step"}'),
    ('old-evt-1', 'old-run', 1, 'workflow.suspended', '2025-01-01 00:00:02+00', '{"reason": "sleep"}');
