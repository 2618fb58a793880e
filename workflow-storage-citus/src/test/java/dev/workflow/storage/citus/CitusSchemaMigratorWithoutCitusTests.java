package dev.workflow.storage.citus;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Citus backend pointed at a plain PostgreSQL server stops before changing anything, saying
 * that Citus is missing and how to install it.
 */
class CitusSchemaMigratorWithoutCitusTests {

	@Test
	void plainPostgresqlFailsEarlyWithInstallInstructionsAndNoPassword() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(EmbeddedPostgresServer.jdbcUrl(EmbeddedPostgresServer.createDatabase("no_citus")));
		config.setUsername("postgres");
		config.setPassword("s3cret-Passw0rd");
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			assertThatExceptionOfType(CitusNotAvailableException.class)
				.isThrownBy(() -> new CitusSchemaMigrator(dataSource).migrate())
				.withMessageContaining("has no Citus extension")
				.withMessageContaining("CREATE EXTENSION citus")
				.withMessageContaining("jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port())
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret-Passw0rd"));
			assertThat(JdbcClient.create(dataSource)
				.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
				.query(Integer.class)
				.single()).isZero();
		}
	}

}
