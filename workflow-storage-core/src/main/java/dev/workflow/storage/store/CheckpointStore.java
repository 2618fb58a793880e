package dev.workflow.storage.store;

import java.util.Optional;

import dev.workflow.storage.model.Checkpoint;

/**
 * Where a backend keeps the saved state of stream steps. Arguments arrive checked.
 *
 * @since 0.3.0
 */
public interface CheckpointStore {

	/**
	 * Inserts the checkpoint, or replaces its data and update time.
	 */
	void save(String stepRunId, String data);

	Optional<Checkpoint> find(String stepRunId);

	void delete(String stepRunId);

}
