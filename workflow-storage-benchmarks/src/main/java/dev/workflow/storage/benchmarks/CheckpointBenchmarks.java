package dev.workflow.storage.benchmarks;

import java.util.Optional;

import dev.workflow.storage.model.Checkpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A stream step saving its state over the one saved before (as it does after each signal), and
 * loading it.
 */
@State(Scope.Benchmark)
public class CheckpointBenchmarks {

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	private Backend target;

	private String savedStep;

	private String loadedStep;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		this.savedStep = Fixtures.id("step-run");
		this.loadedStep = Fixtures.id("step-run");
		this.target.ops().saveCheckpoint(this.savedStep, Fixtures.CHECKPOINT_DATA);
		this.target.ops().saveCheckpoint(this.loadedStep, Fixtures.CHECKPOINT_DATA);
	}

	@Benchmark
	public void saveCheckpoint() {
		this.target.ops().saveCheckpoint(this.savedStep, Fixtures.CHECKPOINT_DATA);
	}

	@Benchmark
	public Optional<Checkpoint> loadCheckpoint() {
		return this.target.ops().loadCheckpoint(this.loadedStep);
	}

}
