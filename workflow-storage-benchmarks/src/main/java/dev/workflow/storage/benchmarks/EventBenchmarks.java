package dev.workflow.storage.benchmarks;

import java.util.List;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Appending to one run's log, one event at a time and 100 at a time (scored per event, so the two
 * compare directly), and reading a log of 1,000 events.
 */
@State(Scope.Benchmark)
public class EventBenchmarks {

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	private Backend target;

	private String appendRun;

	private String batchRun;

	private String readRun;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		WorkflowRun append = Fixtures.newRun();
		WorkflowRun batch = Fixtures.newRun();
		this.target.ops().createRun(append);
		this.target.ops().createRun(batch);
		this.appendRun = append.runId();
		this.batchRun = batch.runId();
		this.readRun = Fixtures.runWithEvents(this.target, 1000);
	}

	@Benchmark
	public int recordEvent() {
		return this.target.ops().recordEvent(Fixtures.newEvent(this.appendRun));
	}

	@Benchmark
	@OperationsPerInvocation(100)
	public List<Integer> recordEventsBatchOf100() {
		return this.target.ops().recordEvents(this.batchRun, Fixtures.newEvents(this.batchRun, 100));
	}

	@Benchmark
	public List<Event> getEvents1000() {
		return this.target.ops().getEvents(this.readRun);
	}

}
