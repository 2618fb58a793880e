-- pyworkflow's events: columns and the indexes PostgreSQL and Citus share.
-- The keys differ: the changelog that runs this file sets them in its property events.keys.
-- An events table adopted from before pyworkflow's schema version 2 gets step_id before it is indexed.
ALTER TABLE IF EXISTS events ADD COLUMN IF NOT EXISTS step_id TEXT;
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    type TEXT NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    step_id TEXT,
    ${events.keys}
);
CREATE INDEX IF NOT EXISTS idx_events_run_id_type ON events(run_id, type);
CREATE INDEX IF NOT EXISTS idx_events_run_id_step_id_type ON events(run_id, step_id, type)
