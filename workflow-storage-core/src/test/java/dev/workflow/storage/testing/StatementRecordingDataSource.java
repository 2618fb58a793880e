package dev.workflow.storage.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that records the SQL of every statement prepared or created through it, so
 * tests can see exactly what the storage sends (and how many statements an operation takes).
 */
public final class StatementRecordingDataSource extends DelegatingDataSource {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	public StatementRecordingDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws java.sql.SQLException {
		return record(super.getConnection());
	}

	/**
	 * The SQL recorded since the last {@link #clear()}.
	 * @return the statements, in order
	 */
	public List<String> statements() {
		return List.copyOf(this.statements);
	}

	public void clear() {
		this.statements.clear();
	}

	private Connection record(Connection connection) {
		InvocationHandler handler = (Object proxy, Method method, Object[] args) -> {
			if ((method.getName().startsWith("prepare") || method.getName().equals("nativeSQL")) && args != null
					&& args.length > 0 && args[0] instanceof String sql) {
				this.statements.add(sql);
			}
			try {
				Object result = method.invoke(connection, args);
				if (method.getName().equals("createStatement")) {
					return recordPlain((java.sql.Statement) result);
				}
				return result;
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		};
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
	}

	private java.sql.Statement recordPlain(java.sql.Statement statement) {
		InvocationHandler handler = (Object proxy, Method method, Object[] args) -> {
			if (method.getName().startsWith("execute") && args != null && args.length > 0
					&& args[0] instanceof String sql) {
				this.statements.add(sql);
			}
			try {
				return method.invoke(statement, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		};
		return (java.sql.Statement) Proxy.newProxyInstance(java.sql.Statement.class.getClassLoader(),
				new Class<?>[] { java.sql.Statement.class }, handler);
	}

}
