-- pyworkflow's cancellation_flags. The keys differ: the changelog that runs this file sets them
-- in its property cancellation_flags.keys.
CREATE TABLE IF NOT EXISTS cancellation_flags (
    run_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    ${cancellation_flags.keys}
)
