-- pyworkflow's scheduled_signals (schema version 5). The same on PostgreSQL and Citus (a
-- reference table there).
CREATE TABLE IF NOT EXISTS scheduled_signals (
    id TEXT PRIMARY KEY,
    stream_id TEXT NOT NULL,
    signal_type TEXT NOT NULL,
    payload JSONB NOT NULL DEFAULT '{}',
    due_at TIMESTAMPTZ NOT NULL,
    stream_run_id TEXT,
    metadata JSONB DEFAULT '{}',
    delivered BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_scheduled_signals_due ON scheduled_signals(delivered, due_at)
