package dev.workflow.storage.benchmarks;

import java.util.List;

import dev.workflow.storage.model.Signal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Publishing signals, one client, to one stream run shared by a few streams (each signal numbered
 * after the stream run's highest, across the streams), and reading a stream's 100 signals.
 */
@State(Scope.Benchmark)
public class SignalBenchmarks {

	static final int STREAMS = 4;

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	private Backend target;

	private List<String> streams;

	private String streamRun;

	private int nextStream;

	private String readStream;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		this.streams = Fixtures.ids("stream", STREAMS);
		this.streamRun = Fixtures.id("stream-run");
		this.readStream = Fixtures.streamWithSignals(this.target, 100);
	}

	// A single client's numbering too: 0..n-1, each once (the first signal took the fallback).
	@TearDown
	public void checkSequences() {
		int published = StreamRunCheck.check(this.target.library(), this.streams, this.streamRun);
		if (published > 0) {
			System.out.println("[check] " + this.backend + ": " + published + " signals published to one stream run of "
					+ STREAMS + " streams, sequences 0.." + (published - 1) + " without gaps or duplicates");
		}
	}

	@Benchmark
	public int publishSignal() {
		String stream = this.streams.get(this.nextStream);
		this.nextStream = (this.nextStream + 1) % STREAMS;
		return this.target.ops().publishSignal(Fixtures.newSignal(stream, this.streamRun));
	}

	@Benchmark
	public List<Signal> getSignals() {
		return this.target.ops().getSignals(this.readStream, 0, 100);
	}

}
