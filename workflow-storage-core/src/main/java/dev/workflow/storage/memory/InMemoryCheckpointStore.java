package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.store.CheckpointStore;
import dev.workflow.storage.support.JsonText;

/**
 * Checkpoints of stream steps in memory.
 */
final class InMemoryCheckpointStore implements CheckpointStore {

	private final Clock clock;

	private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

	InMemoryCheckpointStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void save(String stepRunId, String data) {
		String stored = JsonText.jsonb(data);
		Instant now = this.clock.instant();
		this.checkpoints.merge(stepRunId, new Checkpoint(stepRunId, stored, now, now),
				(current, saved) -> new Checkpoint(stepRunId, stored, current.createdAt(), now));
	}

	@Override
	public Optional<Checkpoint> find(String stepRunId) {
		return Optional.ofNullable(this.checkpoints.get(stepRunId));
	}

	/**
	 * Removes the checkpoints of these step runs.
	 * @return how many there were
	 */
	int removeAll(List<String> stepRunIds) {
		return (int) stepRunIds.stream().filter((stepRunId) -> this.checkpoints.remove(stepRunId) != null).count();
	}

	@Override
	public void delete(String stepRunId) {
		this.checkpoints.remove(stepRunId);
	}

}
