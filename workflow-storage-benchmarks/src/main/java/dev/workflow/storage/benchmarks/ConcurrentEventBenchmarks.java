package dev.workflow.storage.benchmarks;

import java.util.List;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Eight threads appending events: each to a run of its own, and all to one run (where every lost
 * race for the next sequence is retried, and sequences must stay unique; BenchmarkMain checks).
 */
@State(Scope.Benchmark)
@Threads(8)
public class ConcurrentEventBenchmarks {

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	Backend target;

	String sharedRun;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		WorkflowRun run = Fixtures.newRun();
		this.target.ops().createRun(run);
		this.sharedRun = run.runId();
	}

	// The contract under load: the shared run's log holds 0..n-1, each sequence once.
	@TearDown
	public void checkSequences() {
		List<Integer> sequences = this.target.ops().getEvents(this.sharedRun).stream().map(Event::sequence).toList();
		if (sequences.isEmpty()) {
			return;
		}
		for (int i = 0; i < sequences.size(); i++) {
			if (sequences.get(i) != i) {
				throw new IllegalStateException("Run " + this.sharedRun + " has sequence " + sequences.get(i)
						+ " at position " + i + " of " + sequences.size());
			}
		}
		System.out.println("[check] " + this.backend + ": " + sequences.size()
				+ " events appended by 8 threads to one run, sequences 0.." + (sequences.size() - 1)
				+ " without gaps or duplicates");
	}

	@State(Scope.Thread)
	public static class OwnRun {

		String runId;

		@Setup
		public void setUp(ConcurrentEventBenchmarks benchmark) {
			WorkflowRun run = Fixtures.newRun();
			benchmark.target.ops().createRun(run);
			this.runId = run.runId();
		}

	}

	@Benchmark
	public int recordEvent8ThreadsOwnRuns(OwnRun own) {
		return this.target.ops().recordEvent(Fixtures.newEvent(own.runId));
	}

	@Benchmark
	public int recordEvent8ThreadsOneRun() {
		return this.target.ops().recordEvent(Fixtures.newEvent(this.sharedRun));
	}

}
