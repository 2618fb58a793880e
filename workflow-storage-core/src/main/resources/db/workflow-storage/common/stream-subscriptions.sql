-- pyworkflow's stream_subscriptions with the columns of its schema versions 5 to 7, added to a
-- table an earlier version created (top-level statements, which Citus propagates to its shards).
CREATE TABLE IF NOT EXISTS stream_subscriptions (
    stream_id TEXT NOT NULL,
    step_run_id TEXT NOT NULL,
    signal_types JSONB NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'waiting',
    stream_run_id TEXT,
    parent_run_id TEXT,
    parent_hook_token TEXT,
    result JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (stream_id, step_run_id)
);
ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS stream_run_id TEXT NULL;
ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS parent_run_id TEXT NULL;
ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS parent_hook_token TEXT NULL;
ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS result JSONB NULL;
CREATE INDEX IF NOT EXISTS idx_subscriptions_status ON stream_subscriptions(stream_id, status);
CREATE INDEX IF NOT EXISTS idx_subscriptions_stream_run ON stream_subscriptions(stream_id, stream_run_id)
