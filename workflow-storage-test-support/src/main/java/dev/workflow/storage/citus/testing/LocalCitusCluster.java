package dev.workflow.storage.citus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A coordinator and workers started from an installed PostgreSQL whose Citus extension is
 * present: each node its own data directory in a temp folder and a free loopback port, all
 * stopped and deleted when the JVM exits. PostgreSQL refuses to run as root, so as root the
 * nodes run as the {@code postgres} user. Outage tests stop and start single nodes of a cluster of
 * their own.
 */
public final class LocalCitusCluster implements CitusCluster, AutoCloseable {

	private final AtomicInteger databases = new AtomicInteger();

	private final Path binDir;

	private final Path root;

	private final List<Integer> ports;

	private LocalCitusCluster(Path binDir, Path root, List<Integer> ports) {
		this.binDir = binDir;
		this.root = root;
		this.ports = ports;
	}

	static LocalCitusCluster start(Path pgConfig, int workers) {
		Path binDir = Path.of(CitusServer.pgConfig(pgConfig, "--bindir"));
		try {
			Path root = Files.createTempDirectory("citus-cluster");
			List<Integer> ports = new ArrayList<>();
			for (int node = 0; node <= workers; node++) {
				ports.add(freePort());
			}
			LocalCitusCluster cluster = new LocalCitusCluster(binDir, root, ports);
			if (runningAsRoot()) {
				run(List.of("chown", "postgres", root.toString()));
			}
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
			for (int node = 0; node <= workers; node++) {
				cluster.createNode(node);
			}
			return cluster;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a local Citus cluster", ex);
		}
	}

	private void createNode(int node) throws IOException {
		Path data = this.root.resolve("node" + node);
		asPostgres(List.of(this.binDir.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
				"-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
		Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "port = " + this.ports.get(node),
				"listen_addresses = 'localhost'", "unix_socket_directories = '" + this.root + "'",
				"shared_preload_libraries = 'citus'", "max_connections = 300", "fsync = off",
				"synchronous_commit = off", "full_page_writes = off", ""), java.nio.file.StandardOpenOption.APPEND);
		startNode(node);
	}

	/**
	 * Starts a node stopped by {@link #stopNode(int)} on its old port and data, returning once it
	 * accepts connections.
	 * @param node 0 for the coordinator, 1 and up for the workers
	 */
	public void startNode(int node) {
		asPostgres(List.of(this.binDir.resolve("pg_ctl").toString(), "-D", this.root.resolve("node" + node).toString(),
				"-l", this.root.resolve("node" + node + ".log").toString(), "-w", "-t", "60", "start"));
	}

	/**
	 * Stops one node as an operator's restart would: its sessions are ended and its port closed.
	 * Fast, not immediate: with {@code synchronous_commit = off} an immediate stop could drop
	 * commits already acknowledged, which a test would take for the library losing them.
	 * @param node 0 for the coordinator, 1 and up for the workers
	 */
	public void stopNode(int node) {
		asPostgres(List.of(this.binDir.resolve("pg_ctl").toString(), "-D", this.root.resolve("node" + node).toString(),
				"-m", "fast", "-w", "-t", "60", "stop"));
	}

	/**
	 * Stops every node and deletes the data (also done when the JVM exits).
	 */
	@Override
	public void close() {
		for (int node = 0; node < this.ports.size(); node++) {
			Path data = this.root.resolve("node" + node);
			if (Files.exists(data.resolve("postmaster.pid"))) {
				try {
					asPostgres(List.of(this.binDir.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
							"immediate", "stop"));
				}
				catch (RuntimeException ex) {
					// Stopping at JVM exit: nothing more to do.
				}
			}
		}
		try (Stream<Path> paths = Files.walk(this.root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temp folder; the OS cleans it eventually.
		}
	}

	@Override
	public DataSource newDatabase(String prefix) {
		String name = prefix + "_" + this.databases.incrementAndGet();
		for (int port : this.ports) {
			execute(port, "postgres", "CREATE DATABASE " + name);
			execute(port, name, "CREATE EXTENSION citus");
		}
		int coordinator = this.ports.get(0);
		execute(coordinator, name, "SELECT citus_set_coordinator_host('localhost', " + coordinator + ")");
		for (int port : this.ports.subList(1, this.ports.size())) {
			execute(coordinator, name, "SELECT citus_add_node('localhost', " + port + ")");
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url(coordinator, name));
		config.setUsername("postgres");
		config.setMaximumPoolSize(24);
		config.setMinimumIdle(1);
		config.setPoolName("citus-" + name);
		return new HikariDataSource(config);
	}

	@Override
	public int workerCount() {
		return this.ports.size() - 1;
	}

	private static String url(int port, String database) {
		return "jdbc:postgresql://localhost:" + port + "/" + database;
	}

	private static void execute(int port, String database, String sql) {
		try (Connection connection = DriverManager.getConnection(url(port, database), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql + " on port " + port, ex);
		}
	}

	private static void asPostgres(List<String> command) {
		List<String> full = new ArrayList<>();
		if (runningAsRoot()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		run(full);
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("Failed: " + String.join(" ", command) + "\n" + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
