package dev.workflow.storage.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

import dev.workflow.storage.postgres.JdbcWorkflowStorage;

/**
 * Gives plain JDBC's statements the query timeout the library gives its own
 * ({@link JdbcWorkflowStorage#DEFAULT_STATEMENT_TIMEOUT}), so the two send the same statements with
 * the same settings: the driver's timer behind a query timeout costs a client a measurable share of
 * a one-statement operation.
 */
final class StatementTimeouts {

	private static final int SECONDS = (int) JdbcWorkflowStorage.DEFAULT_STATEMENT_TIMEOUT.toSeconds();

	private StatementTimeouts() {
	}

	static Connection applied(Connection connection) {
		return (Connection) Proxy.newProxyInstance(StatementTimeouts.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					try {
						Object result = method.invoke(connection, args);
						if (result instanceof Statement statement && method.getName().startsWith("prepare")) {
							statement.setQueryTimeout(SECONDS);
						}
						return result;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
