package dev.workflow.storage.citus.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node Citus in a {@code citusdata/citus} container, for machines with Docker and no
 * local Citus. On one node the first distributed table registers the coordinator itself.
 */
final class ContainerCitusCluster implements CitusCluster {

	private static final DockerImageName IMAGE = DockerImageName.parse("citusdata/citus:13.2")
		.asCompatibleSubstituteFor("postgres");

	private final AtomicInteger databases = new AtomicInteger();

	private final PostgreSQLContainer container;

	private ContainerCitusCluster(PostgreSQLContainer container) {
		this.container = container;
	}

	static ContainerCitusCluster start() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new ContainerCitusCluster(container);
	}

	@Override
	public DataSource newDatabase(String prefix) {
		String name = prefix + "_" + this.databases.incrementAndGet();
		execute(this.container.getJdbcUrl(), "CREATE DATABASE " + name);
		String url = this.container.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
		execute(url, "CREATE EXTENSION IF NOT EXISTS citus");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(this.container.getUsername());
		config.setPassword(this.container.getPassword());
		config.setMaximumPoolSize(24);
		config.setMinimumIdle(1);
		return new HikariDataSource(config);
	}

	@Override
	public int workerCount() {
		return 0;
	}

	private void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url, this.container.getUsername(),
				this.container.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql, ex);
		}
	}

}
