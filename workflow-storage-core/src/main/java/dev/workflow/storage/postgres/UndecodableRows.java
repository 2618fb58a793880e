package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.workflow.storage.Operation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the rows of listings, skipping each row with a column that cannot be decoded, so that
 * one row another client wrote never takes down a listing of the others (above all
 * {@code getDueSchedules}, which a scheduler polls). Each skipped row is logged as one WARN
 * naming the operation, the table, the row's key, the column and the value, and counted.
 *
 * @since 0.2.0
 */
public final class UndecodableRows {

	private static final Logger logger = LoggerFactory.getLogger(UndecodableRows.class);

	private final LongAdder skipped = new LongAdder();

	/**
	 * How many rows listings have skipped so far.
	 * @return the count
	 */
	public long skipped() {
		return this.skipped.sum();
	}

	/**
	 * The rows a statement selects, decoded, without those that cannot be.
	 */
	<T> List<T> list(Operation operation, JdbcClient.StatementSpec statement, RowMapper<T> mapper) {
		List<T> rows = new ArrayList<>();
		statement.query((RowCallbackHandler) (rs) -> {
			T row = decodeOrSkip(operation, mapper, rs);
			if (row != null) {
				rows.add(row);
			}
		});
		return rows;
	}

	/**
	 * The current row, decoded, or {@code null} when it is skipped.
	 */
	<T> @Nullable T decodeOrSkip(Operation operation, RowMapper<T> mapper, ResultSet rs) throws SQLException {
		try {
			return mapper.mapRow(rs, rs.getRow());
		}
		catch (UndecodableColumnException ex) {
			this.skipped.increment();
			logger.warn("Skipped a row ({} so far): {}", this.skipped.sum(), ex.in(operation).getMessage());
			return null;
		}
	}

}
