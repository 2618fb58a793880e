package dev.workflow.storage.benchmarks;

import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The first page of 100 runs, and a page of 100 in the middle of the table (by cursor), over
 * 10,000 and 100,000 runs: keyset paging should cost the same at any depth and table size.
 */
@State(Scope.Benchmark)
public class ListRunsBenchmarks {

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	@Param({ "10000", "100000" })
	public int runs;

	private Backend target;

	private RunFilter deepPage;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		String cursor = Fixtures.runs(this.target, this.runs);
		this.deepPage = RunFilter.all().withLimit(100).withCursor(cursor);
	}

	@Benchmark
	public RunPage listRunsFirstPage() {
		return this.target.ops().listRuns(RunFilter.all().withLimit(100));
	}

	@Benchmark
	public RunPage listRunsDeepPage() {
		return this.target.ops().listRuns(this.deepPage);
	}

}
