-- Ours, for retention (deleteOldRuns): what it looks for, found without reading the tables.
-- Created IF NOT EXISTS under names pyworkflow does not use, so its startup leaves them alone.
-- The runs that have ended, oldest update first (the keyset a pass walks in batches):
CREATE INDEX IF NOT EXISTS idx_runs_ended_updated_at ON workflow_runs(updated_at, run_id)
    WHERE status IN ('completed', 'failed', 'cancelled', 'continued_as_new', 'interrupted');
CREATE INDEX IF NOT EXISTS idx_signals_published_at ON signals(published_at);
CREATE INDEX IF NOT EXISTS idx_signal_acknowledgments_acknowledged_at ON signal_acknowledgments(acknowledged_at);
CREATE INDEX IF NOT EXISTS idx_scheduled_signals_delivered_created_at ON scheduled_signals(created_at) WHERE delivered
