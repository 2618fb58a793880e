package dev.workflow.storage.citus;

import java.time.Clock;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.postgres.JdbcEventRepository;
import dev.workflow.storage.postgres.JdbcRepositories;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link WorkflowStorage} on Citus (distributed PostgreSQL), in the tables of
 * {@link CitusSchemaMigrator}'s changelog.
 *
 * <p>
 * It runs the PostgreSQL backend's statements, every run-scoped one naming {@code run_id} so
 * Citus routes it to one shard, and replaces only the runs and hooks SQL, whose global
 * uniqueness (idempotency keys, hook tokens) needs a key table on Citus. Appenders that lose the
 * race for a run's next sequence queue on the run's lock at once: every attempt crosses the
 * coordinator, so retrying plainly would cost more than waiting.
 *
 * @since 0.1.0
 */
public class CitusWorkflowStorage extends PostgresWorkflowStorage {

	public CitusWorkflowStorage(DataSource dataSource) {
		this(dataSource, Clock.systemUTC());
	}

	public CitusWorkflowStorage(DataSource dataSource, Clock clock) {
		super(repositories(new JdbcTemplate(dataSource), clock));
	}

	private static JdbcRepositories repositories(JdbcTemplate jdbcTemplate, Clock clock) {
		JdbcRepositories postgres = JdbcRepositories.postgres(jdbcTemplate, clock);
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(jdbcTemplate.getDataSource()));
		return postgres.with(new CitusRunRepository(postgres.jdbc(), clock, transactions),
				new JdbcEventRepository(jdbcTemplate, 0), new CitusHookRepository(postgres.jdbc(), clock, transactions));
	}

}
