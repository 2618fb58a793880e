package dev.workflow.storage.benchmarks;

import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Eight threads publishing to one stream run, each going round its streams: every publish takes
 * the stream run's lock, and the sequences must stay 0..n-1 across the streams (checked
 * afterwards).
 */
@State(Scope.Benchmark)
@Threads(8)
public class ConcurrentSignalBenchmarks {

	@Param({ "memory", "postgres", "postgres-jdbc" })
	public String backend;

	Backend target;

	List<String> streams;

	String streamRun;

	@Setup
	public void setUp() {
		this.target = Backend.open(this.backend);
		this.streams = Fixtures.ids("stream", SignalBenchmarks.STREAMS);
		this.streamRun = Fixtures.id("stream-run");
	}

	// The contract under load: the stream run holds 0..n-1, each sequence once, across its streams.
	@TearDown
	public void checkSequences() {
		int published = StreamRunCheck.check(this.target.library(), this.streams, this.streamRun);
		if (published > 0) {
			System.out.println("[check] " + this.backend + ": " + published + " signals published by 8 threads to one "
					+ "stream run of " + this.streams.size() + " streams, sequences 0.." + (published - 1)
					+ " without gaps or duplicates");
		}
	}

	@State(Scope.Thread)
	public static class Publisher {

		int nextStream;

		String next(List<String> streams) {
			String stream = streams.get(this.nextStream);
			this.nextStream = (this.nextStream + 1) % streams.size();
			return stream;
		}

	}

	@Benchmark
	public int publishSignal8ThreadsOneStreamRun(Publisher publisher) {
		return this.target.ops().publishSignal(Fixtures.newSignal(publisher.next(this.streams), this.streamRun));
	}

}
