package dev.workflow.storage.benchmarks;

import java.time.Instant;
import java.util.List;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Finding the due schedules among 10,000, of which 100 are due.
 */
@State(Scope.Benchmark)
public class ScheduleBenchmarks {

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	private Backend target;

	private Instant now;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		this.now = Instant.now();
		WorkflowStorage writer = (this.target.dataSource() != null)
				? new PostgresWorkflowStorage(this.target.dataSource())
				: ((LibraryOps) this.target.ops()).storage();
		for (int i = 0; i < 10_000; i++) {
			Instant next = (i % 100 == 0) ? this.now.minusSeconds(i + 1) : this.now.plusSeconds(60 + i);
			writer.createSchedule(Schedule.active(Fixtures.id("sched"), "bench_workflow", ScheduleSpec.cron("0 * * * *"),
					next, this.now));
		}
	}

	@Benchmark
	public List<Schedule> getDueSchedules() {
		return this.target.ops().getDueSchedules(this.now);
	}


}
