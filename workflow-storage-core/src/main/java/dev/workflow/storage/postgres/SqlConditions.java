package dev.workflow.storage.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code WHERE} clause of a listing from fixed condition texts and their parameters,
 * so optional filters never concatenate a caller's value into SQL.
 */
final class SqlConditions {

	private final StringBuilder sql;

	private final List<Object> params = new ArrayList<>();

	private boolean first = true;

	SqlConditions(String select) {
		this.sql = new StringBuilder(select);
	}

	/**
	 * Adds a condition with its parameters.
	 * @param condition the condition's SQL, with {@code ?} placeholders
	 * @param values the parameters, in order
	 * @return this builder
	 */
	SqlConditions and(String condition, Object... values) {
		this.sql.append(this.first ? " WHERE " : " AND ").append(condition);
		this.params.addAll(List.of(values));
		this.first = false;
		return this;
	}

	/**
	 * Ends the statement.
	 * @param tail the SQL after the conditions, such as {@code ORDER BY ... LIMIT ?}
	 * @param values its parameters
	 * @return this builder
	 */
	SqlConditions then(String tail, Object... values) {
		this.sql.append(tail);
		this.params.addAll(List.of(values));
		return this;
	}

	String sql() {
		return this.sql.toString();
	}

	List<Object> params() {
		return this.params;
	}

}
