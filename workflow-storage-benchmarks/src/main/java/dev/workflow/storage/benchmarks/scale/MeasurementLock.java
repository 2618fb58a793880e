package dev.workflow.storage.benchmarks.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The machine's lock of builds and measurements ({@code flock} on a file, as
 * {@code flock /tmp/ws-maven.lock ./mvnw ...} takes it), held phase by phase and let go for a
 * moment between two phases, so that others waiting for it are not kept out for a whole run of
 * an hour. Held by a child
 * {@code flock} process until its input closes; Java's own file locks are {@code fcntl} locks,
 * which {@code flock(2)} does not see. With no file named (system property {@code lock} empty)
 * it does nothing, for a run wrapped in {@code flock} as a whole.
 */
final class MeasurementLock {

	// Long enough for a waiting flock to wake up and take it.
	private static final long BREATHER_MILLIS = 3000;

	private final String file;

	private Process holder;

	private long heldSince;

	MeasurementLock(String file) {
		this.file = file;
	}

	/**
	 * Waits for the lock and holds it.
	 * @param phase what is about to be timed, for the log
	 */
	void acquire(String phase) throws IOException {
		if (this.file.isEmpty() || this.holder != null) {
			return;
		}
		long waiting = System.nanoTime();
		this.holder = new ProcessBuilder("flock", this.file, "sh", "-c", "echo held; exec cat > /dev/null")
			.redirectErrorStream(true).start();
		String line = new BufferedReader(new InputStreamReader(this.holder.getInputStream(), StandardCharsets.UTF_8))
			.readLine();
		if (!"held".equals(line)) {
			throw new IllegalStateException("flock " + this.file + " failed: " + line);
		}
		this.heldSince = System.nanoTime();
		System.out.printf(Locale.ROOT, "  [lock %s taken after %.0f s wait, for %s]%n", this.file,
				(this.heldSince - waiting) / 1e9, phase);
	}

	/**
	 * Lets the lock go for a moment, for others who wait for it, then waits for it again.
	 * @param phase what comes next
	 */
	void next(String phase) throws IOException, InterruptedException {
		if (this.holder == null) {
			acquire(phase);
			return;
		}
		release();
		Thread.sleep(BREATHER_MILLIS);
		acquire(phase);
	}

	/**
	 * Lets the lock go.
	 */
	void release() throws IOException, InterruptedException {
		if (this.holder == null) {
			return;
		}
		this.holder.getOutputStream().close();
		this.holder.waitFor();
		this.holder = null;
		System.out.printf(Locale.ROOT, "  [lock %s released after %.0f s]%n", this.file,
				(System.nanoTime() - this.heldSince) / 1e9);
	}

}
