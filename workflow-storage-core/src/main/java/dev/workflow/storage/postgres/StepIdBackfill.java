package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.support.JsonText;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills {@code events.step_id} from each event's data, as pyworkflow's schema version 2 does,
 * for the rows that lack it.
 *
 * <p>
 * pyworkflow's own backfill casts the data to {@code jsonb}, which fails the whole migration on
 * one event whose data is valid JSON that {@code jsonb} refuses (Python writes a NUL character as
 * an escape). This reads the data as the appenders do ({@link JsonText#field}),
 * so every such event is adopted; a step id that PostgreSQL text cannot hold is left empty and
 * counted in the log. Nothing but {@code step_id} is written.
 *
 * @since 0.1.0
 */
public final class StepIdBackfill implements CustomTaskChange {

	private static final String CANDIDATES = """
			SELECT run_id, event_id, data FROM events WHERE step_id IS NULL AND data LIKE '%step_id%'""";

	private static final String SET_STEP_ID = "UPDATE events SET step_id = ? WHERE run_id = ? AND event_id = ?";

	private static final int BATCH_SIZE = 1000;

	private static final Logger logger = LoggerFactory.getLogger(StepIdBackfill.class);

	@Override
	public void execute(Database database) throws CustomChangeException {
		Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
		int filled = 0;
		int unstorable = 0;
		try (PreparedStatement candidates = connection.prepareStatement(CANDIDATES);
				PreparedStatement update = connection.prepareStatement(SET_STEP_ID)) {
			// Streams the rows: the changeset runs in a transaction, where pgjdbc honours the fetch size.
			candidates.setFetchSize(BATCH_SIZE);
			try (ResultSet rows = candidates.executeQuery()) {
				int batched = 0;
				while (rows.next()) {
					String stepId = JsonText.field(rows.getString("data"), "step_id");
					if (stepId == null) {
						continue;
					}
					if (JsonText.textProblem(stepId) != null) {
						unstorable++;
						continue;
					}
					update.setString(1, stepId);
					update.setString(2, rows.getString("run_id"));
					update.setString(3, rows.getString("event_id"));
					update.addBatch();
					filled++;
					if (++batched == BATCH_SIZE) {
						update.executeBatch();
						batched = 0;
					}
				}
				if (batched > 0) {
					update.executeBatch();
				}
			}
		}
		catch (SQLException ex) {
			throw new CustomChangeException("Could not fill events.step_id from the events' data: " + ex.getMessage(),
					ex);
		}
		if (filled > 0 || unstorable > 0) {
			logger.info("Filled events.step_id of {} event(s) from their data; {} step id(s) hold characters "
					+ "PostgreSQL text cannot store and stay empty", filled, unstorable);
		}
	}

	@Override
	public String getConfirmationMessage() {
		return "events.step_id filled from the events' data";
	}

	@Override
	public void setUp() {
	}

	@Override
	public void setFileOpener(ResourceAccessor resourceAccessor) {
	}

	@Override
	public @Nullable ValidationErrors validate(Database database) {
		return null;
	}

}
