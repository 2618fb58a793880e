package dev.workflow.storage.benchmarks;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Creating runs, and claiming one run back and forth (each call wins, as a worker's claim does).
 */
@State(Scope.Benchmark)
public class RunBenchmarks {

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	private Backend target;

	private String claimedRun;

	private boolean running;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		WorkflowRun run = Fixtures.newRun();
		this.target.ops().createRun(run);
		this.claimedRun = run.runId();
	}

	@Benchmark
	public WorkflowRun createRun() {
		WorkflowRun run = Fixtures.newRun();
		this.target.ops().createRun(run);
		return run;
	}

	@Benchmark
	public boolean tryClaimRun() {
		boolean claimed = this.running
				? this.target.ops().tryClaimRun(this.claimedRun, RunStatus.RUNNING, RunStatus.PENDING)
				: this.target.ops().tryClaimRun(this.claimedRun, RunStatus.PENDING, RunStatus.RUNNING);
		this.running = !this.running;
		return claimed;
	}

}
