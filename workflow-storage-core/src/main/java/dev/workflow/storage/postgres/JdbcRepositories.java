package dev.workflow.storage.postgres;

import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The repositories a {@link PostgresWorkflowStorage} delegates to, one per table; a backend for
 * another PostgreSQL flavour (Citus) replaces only those whose SQL differs.
 *
 * @param jdbc the client for statements outside any one table, such as the health check
 * @param undecodableRows what the listings of every table skip
 * @param runs the {@code workflow_runs} repository
 * @param events the {@code events} repository
 * @param steps the {@code steps} repository
 * @param hooks the {@code hooks} repository
 * @param cancellationFlags the {@code cancellation_flags} repository
 * @param schedules the {@code schedules} repository
 * @since 0.1.0
 */
public record JdbcRepositories(JdbcClient jdbc, UndecodableRows undecodableRows, JdbcRunRepository runs, JdbcEventRepository events,
		JdbcStepRepository steps, JdbcHookRepository hooks, JdbcCancellationFlagRepository cancellationFlags,
		JdbcScheduleRepository schedules) {

	/**
	 * The repositories of plain PostgreSQL.
	 * @param jdbcTemplate the template, with its data source and query timeout
	 * @param clock the clock every change takes its time from
	 * @return the repositories
	 */
	public static JdbcRepositories postgres(JdbcTemplate jdbcTemplate, Clock clock) {
		JdbcClient jdbc = JdbcClient.create(jdbcTemplate);
		UndecodableRows undecodableRows = new UndecodableRows();
		return new JdbcRepositories(jdbc, undecodableRows, new JdbcRunRepository(jdbc, clock, undecodableRows),
				new JdbcEventRepository(jdbcTemplate, JdbcEventRepository.POSTGRES_PLAIN_RETRIES),
				new JdbcStepRepository(jdbc, clock, undecodableRows), new JdbcHookRepository(jdbc, clock, undecodableRows),
				new JdbcCancellationFlagRepository(jdbc, clock),
				new JdbcScheduleRepository(jdbc, clock, undecodableRows));
	}

	/**
	 * A copy with other runs, events and hooks repositories.
	 * @param runs the runs repository
	 * @param events the events repository
	 * @param hooks the hooks repository
	 * @return the copy
	 */
	public JdbcRepositories with(JdbcRunRepository runs, JdbcEventRepository events, JdbcHookRepository hooks) {
		return new JdbcRepositories(this.jdbc, this.undecodableRows, runs, events, this.steps, hooks,
				this.cancellationFlags, this.schedules);
	}

}
