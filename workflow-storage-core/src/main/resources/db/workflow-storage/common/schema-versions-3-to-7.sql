-- pyworkflow's schema versions 3 to 7, with its own descriptions, once their tables and columns
-- are in place: a pyworkflow worker then runs none of those migrations (its migration 3 drops
-- and recreates signals and signal_acknowledgments). Versions recorded already are kept.
INSERT INTO schema_versions (version, applied_at, description) VALUES
    (3, now(), 'Restructure signals table: PK (stream_id, stream_run_id, sequence), drop and recreate'),
    (4, now(), 'Drop FK constraints referencing streams table — streams are code-defined'),
    (5, now(), 'Add stream_run_id to stream_subscriptions (+index) and create scheduled_signals table for time-delayed signal delivery'),
    (6, now(), 'Add parent_run_id + parent_hook_token to stream_subscriptions for hook-based parent workflow resumption'),
    (7, now(), 'Add result column to stream_subscriptions for step output payloads')
ON CONFLICT (version) DO NOTHING
