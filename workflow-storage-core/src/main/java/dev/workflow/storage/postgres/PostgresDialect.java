package dev.workflow.storage.postgres;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import dev.workflow.storage.StorageHealth;
import org.jspecify.annotations.Nullable;

/**
 * Plain PostgreSQL: pyworkflow's tables with their unique constraints and foreign keys, created
 * by {@link SchemaMigrator#POSTGRES_CHANGELOG}.
 *
 * @since 0.2.0
 */
public final class PostgresDialect implements JdbcDialect {

	/**
	 * The dialect.
	 */
	public static final PostgresDialect INSTANCE = new PostgresDialect();

	private PostgresDialect() {
	}

	@Override
	public String name() {
		return "postgres";
	}

	@Override
	public AppendPolicy appendPolicy() {
		return AppendPolicy.POSTGRES;
	}

	@Override
	public @Nullable KeyTables keyTables() {
		return null;
	}

	@Override
	public SchemaMigration schemaMigration(DataSource dataSource, Duration lockTimeout) {
		return new SchemaMigrator(dataSource, lockTimeout);
	}

	@Override
	public StorageHealth health(DataSource dataSource) {
		return StorageHealth.up(Map.of());
	}

}
