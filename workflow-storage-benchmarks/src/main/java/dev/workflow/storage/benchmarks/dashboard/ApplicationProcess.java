package dev.workflow.storage.benchmarks.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

/**
 * {@link DashboardApplication} in a JVM of its own, started with this JVM's class path, and the
 * HTTP client the benchmark reaches it with on localhost. The application's output goes to a log
 * file beside the report.
 */
final class ApplicationProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofMinutes(2);

	private final Process process;

	private final int port;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private ApplicationProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the application on a database and waits until it serves.
	 * @param backend {@code postgres} or {@code citus}
	 * @param database the database (its URL and user are handed on; the application has a pool of its own)
	 * @param refreshInterval the dashboard's polling interval
	 * @param log where the application's output goes
	 * @return the running application
	 */
	static ApplicationProcess start(String backend, HikariDataSource database, Duration refreshInterval, Path log)
			throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Xss512k",
				"-Djava.util.logging.config.file=/dev/null", "-cp", System.getProperty("java.class.path"),
				DashboardApplication.class.getName(), "--bench.backend=" + backend,
				"--bench.jdbc-url=" + database.getJdbcUrl(), "--bench.username=" + database.getUsername(),
				"--bench.password=" + Objects.requireNonNullElse(database.getPassword(), ""),
				"--pyworkflow.storage.dashboard.refresh-interval=" + refreshInterval.toMillis() + "ms"));
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> copyOutput(process, log, port), "dashboard-application-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return new ApplicationProcess(process, port.get(STARTUP.toSeconds(), TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The dashboard application did not start; see " + log, ex);
		}
	}

	private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				out.println(line);
				if (line.startsWith(DashboardApplication.READY)) {
					port.complete(Integer.parseInt(line.substring(DashboardApplication.READY.length()).strip()));
				}
			}
			port.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
		}
		catch (IOException | InterruptedException ex) {
			port.completeExceptionally(ex);
		}
	}

	/**
	 * One request's answer.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 * @param clientNanos the time from sending the request to having read the whole answer, on the client
	 */
	record Answer(int status, String body, long clientNanos) {
	}

	/**
	 * A GET of a path, labelled for {@link ServerTimings}.
	 * @param label what it measures, or {@code null} for an untimed request
	 * @param pathAndQuery such as {@code /workflows/runs?status=failed}
	 * @return the answer, whose status must be 200
	 */
	Answer get(String label, String pathAndQuery) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
			.timeout(Duration.ofSeconds(60))
			.GET();
		if (label != null) {
			request.header(ServerTimings.LABEL, label);
		}
		long start = System.nanoTime();
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("GET " + pathAndQuery, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: GET " + pathAndQuery, ex);
		}
		long nanos = System.nanoTime() - start;
		if (response.statusCode() != 200) {
			String body = response.body();
			throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
					+ body.substring(0, Math.min(body.length(), 2000)));
		}
		return new Answer(response.statusCode(), response.body(), nanos);
	}

	/**
	 * The server times of a label, taken from the application (which then forgets them).
	 * @param label the label
	 * @return the samples in nanoseconds
	 */
	List<Long> serverNanos(String label) {
		String body = get(null, BenchRoutes.PATH + "/timings?label=" + QueryParams.encode(label)).body();
		return body.isBlank() ? List.of() : Arrays.stream(body.split("\n")).map(Long::valueOf).toList();
	}

	/**
	 * The application's CPU time and collectors' time so far.
	 * @return {@code [cpuNanos, gcMillis]}
	 */
	long[] cpu() {
		return Arrays.stream(get(null, BenchRoutes.PATH + "/cpu").body().strip().split(" "))
			.mapToLong(Long::parseLong)
			.toArray();
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
