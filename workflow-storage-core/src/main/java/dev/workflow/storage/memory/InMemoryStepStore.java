package dev.workflow.storage.memory;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.StepStore;
import org.jspecify.annotations.Nullable;

/**
 * Steps in memory.
 */
final class InMemoryStepStore implements StepStore {

	private final Clock clock;

	private final InMemoryRunStore runs;

	private final Map<String, Step> steps = new ConcurrentHashMap<>();

	InMemoryStepStore(Clock clock, InMemoryRunStore runs) {
		this.clock = clock;
		this.runs = runs;
	}

	@Override
	public void insert(Step step) {
		this.runs.requireRun(step.runId());
		if (this.steps.putIfAbsent(step.stepId(), step) != null) {
			throw Rejection.duplicateId("step", step.stepId());
		}
	}

	@Override
	public Optional<Step> find(String stepId) {
		return Optional.ofNullable(this.steps.get(stepId));
	}

	@Override
	public void updateStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error) {
		Step updated = this.steps.computeIfPresent(stepId,
				(id, step) -> new Step(step.stepId(), step.runId(), step.stepName(), status, step.createdAt(),
						step.startedAt(), status.isTerminal() ? this.clock.instant() : step.completedAt(),
						step.inputArgs(), step.inputKwargs(), (result != null) ? result : step.result(),
						(error != null) ? error : step.error(), step.attempt()));
		if (updated == null) {
			throw Rejection.notFound("step", stepId);
		}
	}

	/**
	 * Removes a run's steps.
	 * @return the ids of the steps removed
	 */
	List<String> removeRun(String runId) {
		List<String> stepIds = list(runId).stream().map(Step::stepId).toList();
		stepIds.forEach(this.steps::remove);
		return stepIds;
	}

	@Override
	public List<Step> list(String runId) {
		return this.steps.values()
			.stream()
			.filter((step) -> step.runId().equals(runId))
			.sorted(Comparator.comparing(Step::createdAt).thenComparing(Step::stepId))
			.toList();
	}

}
