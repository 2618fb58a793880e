-- pyworkflow's signals as its schema version 3 made them: numbered per stream run. Its index on
-- signal_id differs (unique on PostgreSQL, not on Citus): the changelog that runs this file adds it.
-- idx_signals_stream_run_id_sequence is ours: pyworkflow's key begins with stream_id, and every
-- publish reads the highest sequence of a stream run.
CREATE TABLE IF NOT EXISTS signals (
    stream_run_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    signal_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    signal_type TEXT NOT NULL,
    payload JSONB NOT NULL DEFAULT '{}',
    published_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    source_run_id TEXT,
    metadata JSONB DEFAULT '{}',
    PRIMARY KEY (stream_id, stream_run_id, sequence)
);
CREATE INDEX IF NOT EXISTS idx_signals_stream_run_id_sequence ON signals(stream_run_id, sequence)
