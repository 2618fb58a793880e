package dev.workflow.storage.postgres;

import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statement timeout of {@link JdbcWorkflowStorage}, as JDBC's query timeout on every statement
 * of its {@link JdbcTemplate}, in and out of transactions.
 *
 * <p>
 * PostgreSQL's driver implements the query timeout by sending the server a cancel request: the
 * server ends the statement with {@code 57014} and rolls back its transaction, and the connection
 * stays usable. A socket timeout would instead drop the connection while the server carried on and
 * could commit what the caller was told had failed. A server-side {@code statement_timeout} would
 * have to be set on the connections of a pool that others may share, or cost a transaction around
 * every single statement.
 */
final class StatementTimeout {

	private StatementTimeout() {
	}

	static Duration check(Duration statementTimeout) {
		Objects.requireNonNull(statementTimeout, "statementTimeout");
		if (statementTimeout.isNegative()) {
			throw new IllegalArgumentException("The statement timeout must be zero (none) or more, got "
					+ statementTimeout);
		}
		return statementTimeout;
	}

	static JdbcTemplate jdbcTemplate(DataSource dataSource, Duration statementTimeout) {
		JdbcTemplate jdbcTemplate = new JdbcTemplate(dataSource);
		jdbcTemplate.setQueryTimeout(wholeSeconds(statementTimeout));
		return jdbcTemplate;
	}

	// JDBC counts whole seconds, where 0 is no limit: a shorter timeout is rounded up, never off.
	static int wholeSeconds(Duration statementTimeout) {
		long seconds = statementTimeout.toSeconds() + ((statementTimeout.toNanosPart() > 0) ? 1 : 0);
		return (int) Math.min(Integer.MAX_VALUE, seconds);
	}

}
