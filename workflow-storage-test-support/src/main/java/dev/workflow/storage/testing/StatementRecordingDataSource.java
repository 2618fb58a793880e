package dev.workflow.storage.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that records the SQL of every statement prepared or created through it, and the
 * parameters bound to each prepared one, so tests can see exactly what the storage sends (how
 * many statements an operation takes, and how Citus plans each with its real parameters).
 */
public final class StatementRecordingDataSource extends DelegatingDataSource {

	private final List<RecordedStatement> recorded = new CopyOnWriteArrayList<>();

	public StatementRecordingDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return record(super.getConnection());
	}

	/**
	 * The SQL recorded since the last {@link #clear()}.
	 * @return the statements, in order
	 */
	public List<String> statements() {
		return this.recorded.stream().map(RecordedStatement::sql).toList();
	}

	/**
	 * The statements recorded since the last {@link #clear()}, with their bound parameters.
	 * @return the statements, in order
	 */
	public List<RecordedStatement> recordedStatements() {
		return List.copyOf(this.recorded);
	}

	public void clear() {
		this.recorded.clear();
	}

	private RecordedStatement add(String sql) {
		RecordedStatement statement = new RecordedStatement(sql);
		this.recorded.add(statement);
		return statement;
	}

	private Connection record(Connection connection) {
		InvocationHandler handler = (Object proxy, Method method, Object[] args) -> {
			RecordedStatement statement = null;
			if ((method.getName().startsWith("prepare") || method.getName().equals("nativeSQL")) && args != null
					&& args.length > 0 && args[0] instanceof String sql) {
				statement = add(sql);
			}
			Object result = invoke(method, connection, args);
			if (statement != null && result instanceof PreparedStatement prepared) {
				return recordParameters(prepared, method.getReturnType(), statement);
			}
			if (method.getName().equals("createStatement")) {
				return recordPlain((Statement) result);
			}
			return result;
		};
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
	}

	// The proxy implements what prepare* declares (PreparedStatement, or CallableStatement for
	// prepareCall), so callers can use it as they would the driver's.
	private Object recordParameters(PreparedStatement prepared, Class<?> type, RecordedStatement statement) {
		InvocationHandler handler = (Object proxy, Method method, Object[] args) -> {
			if (method.getName().startsWith("set") && args != null && args.length >= 2
					&& args[0] instanceof Integer) {
				statement.bound(BoundParameter.of(method, args));
			}
			else if (method.getName().equals("clearParameters")) {
				statement.parametersCleared();
			}
			return invoke(method, prepared, args);
		};
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private Statement recordPlain(Statement statement) {
		InvocationHandler handler = (Object proxy, Method method, Object[] args) -> {
			if (method.getName().startsWith("execute") && args != null && args.length > 0
					&& args[0] instanceof String sql) {
				add(sql);
			}
			return invoke(method, statement, args);
		};
		return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
				new Class<?>[] { Statement.class }, handler);
	}

	private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
