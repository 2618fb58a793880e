package dev.workflow.storage.testing;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A statement sent through a {@link StatementRecordingDataSource}: its SQL and, for a prepared
 * statement, the parameters last bound to it.
 */
public final class RecordedStatement {

	private final String sql;

	private final Map<Integer, BoundParameter> parameters = new ConcurrentSkipListMap<>();

	RecordedStatement(String sql) {
		this.sql = sql;
	}

	public String sql() {
		return this.sql;
	}

	/**
	 * The bound parameters, by index.
	 * @return the parameters
	 */
	public List<BoundParameter> parameters() {
		return List.copyOf(this.parameters.values());
	}

	/**
	 * Binds the recorded parameters to {@code statement}, as the driver received them.
	 * @param statement a statement whose SQL takes the same parameters (such as this SQL behind
	 * {@code EXPLAIN})
	 * @throws SQLException if the driver refuses one
	 */
	public void bindTo(PreparedStatement statement) throws SQLException {
		for (BoundParameter parameter : this.parameters.values()) {
			parameter.bindTo(statement);
		}
	}

	void bound(BoundParameter parameter) {
		this.parameters.put(parameter.index(), parameter);
	}

	void parametersCleared() {
		this.parameters.clear();
	}

	@Override
	public String toString() {
		return this.sql + (this.parameters.isEmpty() ? "" : "\n  with " + parameters());
	}

}
