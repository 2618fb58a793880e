-- pyworkflow's hooks: columns and the indexes PostgreSQL and Citus share.
-- The keys differ: the changelog that runs this file sets them in its property hooks.keys.
CREATE TABLE IF NOT EXISTS hooks (
    run_id TEXT NOT NULL,
    hook_id TEXT NOT NULL,
    token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ,
    status TEXT NOT NULL,
    payload TEXT,
    metadata TEXT DEFAULT '{}',
    ${hooks.keys}
);
CREATE INDEX IF NOT EXISTS idx_hooks_run_id ON hooks(run_id);
CREATE INDEX IF NOT EXISTS idx_hooks_status ON hooks(status)
