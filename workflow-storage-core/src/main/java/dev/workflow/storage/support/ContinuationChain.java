package dev.workflow.storage.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;

/**
 * Walks a continue-as-new chain through a run lookup: back to its first run, then forward to
 * its last. A chain is short and every lookup is by run id, which on Citus goes to one shard; a
 * chain that loops (written by a faulty client) stops at the first repeated run.
 *
 * @since 0.1.0
 */
public final class ContinuationChain {

	private ContinuationChain() {
	}

	/**
	 * The chain of a run, oldest first.
	 * @param runId the id of any run in the chain
	 * @param lookup finds a run by id, or returns {@code null}
	 * @return the chain; empty when the run does not exist
	 */
	public static List<WorkflowRun> collect(String runId, Function<String, @Nullable WorkflowRun> lookup) {
		WorkflowRun first = lookup.apply(runId);
		if (first == null) {
			return List.of();
		}
		Set<String> seen = new HashSet<>();
		seen.add(first.runId());
		while (first.continuedFromRunId() != null && seen.add(first.continuedFromRunId())) {
			WorkflowRun previous = lookup.apply(first.continuedFromRunId());
			if (previous == null) {
				break;
			}
			first = previous;
		}
		List<WorkflowRun> chain = new ArrayList<>();
		seen.clear();
		for (WorkflowRun run = first; run != null && seen.add(run.runId());) {
			chain.add(run);
			run = (run.continuedToRunId() != null) ? lookup.apply(run.continuedToRunId()) : null;
		}
		return chain;
	}

}
