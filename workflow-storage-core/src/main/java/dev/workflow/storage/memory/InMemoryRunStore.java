package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.workflow.storage.WorkflowStorageException;
import dev.workflow.storage.model.RunCounts;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummary;
import dev.workflow.storage.model.RunSummaryPage;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.RunStore;
import org.jspecify.annotations.Nullable;

/**
 * Runs in memory, with an index by idempotency key and one newest first for listing.
 */
final class InMemoryRunStore implements RunStore {

	private static final Comparator<WorkflowRun> OLDEST_FIRST = Comparator.comparing(WorkflowRun::createdAt)
		.thenComparing(WorkflowRun::runId);

	private final Clock clock;

	private final Map<String, WorkflowRun> runs = new ConcurrentHashMap<>();

	private final Map<String, String> runIdsByIdempotencyKey = new ConcurrentHashMap<>();

	private final ConcurrentSkipListMap<RunKey, String> runIdsNewestFirst = new ConcurrentSkipListMap<>();

	private final Object runCreation = new Object();

	InMemoryRunStore(Clock clock) {
		this.clock = clock;
	}

	/**
	 * What the foreign keys of the SQL backends check: a run exists.
	 * @param runId the run's id
	 * @throws Rejection if it does not
	 */
	void requireRun(String runId) {
		if (!this.runs.containsKey(runId)) {
			throw Rejection.notFound("run", runId);
		}
	}

	@Override
	public void insert(WorkflowRun run) {
		synchronized (this.runCreation) {
			if (this.runs.containsKey(run.runId())) {
				throw Rejection.duplicateId("run", run.runId());
			}
			String key = run.idempotencyKey();
			if (key != null && this.runIdsByIdempotencyKey.containsKey(key)) {
				throw Rejection.duplicateIdempotencyKey(key, this.runIdsByIdempotencyKey.get(key));
			}
			if (run.parentRunId() != null && !this.runs.containsKey(run.parentRunId())) {
				throw Rejection.notFound("parent run", run.parentRunId());
			}
			this.runs.put(run.runId(), run);
			if (key != null) {
				this.runIdsByIdempotencyKey.put(key, run.runId());
			}
			this.runIdsNewestFirst.put(new RunKey(run.createdAt(), run.runId()), run.runId());
		}
	}

	/**
	 * The runs that retention deletes, oldest update first: ended before {@code olderThan}.
	 */
	List<WorkflowRun> endedBefore(Instant olderThan) {
		return this.runs.values()
			.stream()
			.filter((run) -> run.status().hasEnded() && run.updatedAt().isBefore(olderThan))
			.sorted(Comparator.comparing(WorkflowRun::updatedAt).thenComparing(WorkflowRun::runId, Utf8Order.COMPARATOR))
			.toList();
	}

	/**
	 * Whether any run names this one as its parent.
	 */
	boolean hasChildren(String runId) {
		return this.runs.values().stream().anyMatch((run) -> runId.equals(run.parentRunId()));
	}

	/**
	 * Removes a run and its index entries, if it still has ended before {@code olderThan}.
	 * @return whether it did
	 */
	boolean removeEnded(String runId, Instant olderThan) {
		synchronized (this.runCreation) {
			WorkflowRun run = this.runs.get(runId);
			if (run == null || !run.status().hasEnded() || !run.updatedAt().isBefore(olderThan)) {
				return false;
			}
			this.runs.remove(runId);
			if (run.idempotencyKey() != null) {
				this.runIdsByIdempotencyKey.remove(run.idempotencyKey(), runId);
			}
			this.runIdsNewestFirst.remove(new RunKey(run.createdAt(), runId));
			return true;
		}
	}

	@Override
	public Optional<WorkflowRun> find(String runId) {
		return Optional.ofNullable(this.runs.get(runId));
	}

	@Override
	public Optional<WorkflowRun> findByIdempotencyKey(String idempotencyKey) {
		String runId = this.runIdsByIdempotencyKey.get(idempotencyKey);
		return (runId != null) ? find(runId) : Optional.empty();
	}

	@Override
	public void updateStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error) {
		update(runId, (run) -> {
			Instant now = this.clock.instant();
			return run.toBuilder()
				.status(status)
				.updatedAt(now)
				.result((result != null) ? result : run.result())
				.error((error != null) ? error : run.error())
				.completedAt(status.isTerminal() ? now : run.completedAt())
				.build();
		});
	}

	@Override
	public boolean claim(String runId, RunStatus fromStatus, RunStatus toStatus) {
		boolean[] claimed = new boolean[1];
		this.runs.computeIfPresent(runId, (id, run) -> {
			if (run.status() != fromStatus) {
				return run;
			}
			claimed[0] = true;
			return run.toBuilder().status(toStatus).updatedAt(this.clock.instant()).build();
		});
		return claimed[0];
	}

	@Override
	public void updateRecoveryAttempts(String runId, int recoveryAttempts) {
		update(runId, (run) -> run.toBuilder().recoveryAttempts(recoveryAttempts).updatedAt(this.clock.instant()).build());
	}

	@Override
	public void updateContext(String runId, String context) {
		update(runId, (run) -> run.toBuilder().context(context).updatedAt(this.clock.instant()).build());
	}

	@Override
	public void updateContinuation(String runId, String continuedToRunId) {
		update(runId,
				(run) -> run.toBuilder().continuedToRunId(continuedToRunId).updatedAt(this.clock.instant()).build());
	}

	private void update(String runId, UnaryOperator<WorkflowRun> change) {
		if (this.runs.computeIfPresent(runId, (id, run) -> change.apply(run)) == null) {
			throw Rejection.notFound("run", runId);
		}
	}

	@Override
	public RunPage list(RunFilter filter) {
		Map<RunKey, String> candidates = this.runIdsNewestFirst;
		if (filter.cursor() != null) {
			WorkflowRun last = this.runs.get(filter.cursor());
			if (last == null) {
				throw Rejection.invalidInput("unknown cursor " + WorkflowStorageException.quote(filter.cursor()));
			}
			candidates = this.runIdsNewestFirst.tailMap(new RunKey(last.createdAt(), last.runId()), false);
		}
		Predicate<WorkflowRun> matches = matcher(filter);
		List<WorkflowRun> page = new ArrayList<>();
		for (String runId : candidates.values()) {
			WorkflowRun run = this.runs.get(runId);
			if (matches.test(run)) {
				if (page.size() == filter.limit()) {
					return RunPage.of(page, page.get(page.size() - 1).runId());
				}
				page.add(run);
			}
		}
		return RunPage.of(page, null);
	}

	@Override
	public RunSummaryPage listSummaries(RunFilter filter) {
		RunPage page = list(filter);
		return new RunSummaryPage(page.runs().stream().map(RunSummary::of).toList(), page.nextCursor());
	}

	@Override
	public RunCounts count(@Nullable Instant createdFrom, @Nullable Instant createdBefore) {
		Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
		long total = 0;
		for (WorkflowRun run : this.runs.values()) {
			if ((createdFrom == null || !run.createdAt().isBefore(createdFrom))
					&& (createdBefore == null || run.createdAt().isBefore(createdBefore))) {
				counts.merge(run.status(), 1L, Long::sum);
				total++;
			}
		}
		return new RunCounts(counts, total);
	}

	private static Predicate<WorkflowRun> matcher(RunFilter filter) {
		String query = (filter.query() != null) ? filter.query().toLowerCase(Locale.ROOT) : null;
		return (run) -> (query == null || run.workflowName().toLowerCase(Locale.ROOT).contains(query)
				|| run.inputKwargs().toLowerCase(Locale.ROOT).contains(query))
				&& (filter.status() == null || run.status() == filter.status())
				&& (filter.startTime() == null || !run.createdAt().isBefore(filter.startTime()))
				&& (filter.endTime() == null || run.createdAt().isBefore(filter.endTime()));
	}

	@Override
	public List<WorkflowRun> children(String parentRunId, @Nullable RunStatus status) {
		return this.runs.values()
			.stream()
			.filter((run) -> parentRunId.equals(run.parentRunId()) && (status == null || run.status() == status))
			.sorted(OLDEST_FIRST)
			.toList();
	}

	/**
	 * Orders runs newest first on ({@code created_at}, {@code run_id}), as the SQL keyset does.
	 */
	private record RunKey(Instant createdAt, String runId) implements Comparable<RunKey> {

		@Override
		public int compareTo(RunKey other) {
			int byTime = other.createdAt.compareTo(this.createdAt);
			return (byTime != 0) ? byTime : other.runId.compareTo(this.runId);
		}

	}

}
