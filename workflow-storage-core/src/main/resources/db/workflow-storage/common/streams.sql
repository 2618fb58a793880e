-- pyworkflow's streams. The same on PostgreSQL and Citus (a reference table there).
CREATE TABLE IF NOT EXISTS streams (
    stream_id TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'active',
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    metadata JSONB DEFAULT '{}'
)
