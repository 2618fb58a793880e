package dev.workflow.storage.citus.pyworkflow;

import java.util.Arrays;
import java.util.List;

/**
 * Who creates the shared tables first.
 */
enum CreationOrder {

	/**
	 * Our migrator creates the tables, then pyworkflow's {@code connect()} finds them.
	 */
	OURS_FIRST("our migrator first"),

	/**
	 * pyworkflow's {@code connect()} creates its tables, then our migrator adopts them.
	 */
	PYWORKFLOW_FIRST("pyworkflow first"),

	/**
	 * pyworkflow creates its tables and writes data before our migrator ever runs.
	 */
	PYWORKFLOW_FIRST_WITH_DATA("pyworkflow first with data"),

	/**
	 * pyworkflow 2aed3e2 creates its tables (schema version 2), our migrator adopts them, then a
	 * newer pyworkflow's {@code connect()} finds them: a team that upgrades its workers.
	 */
	OLDER_PYWORKFLOW_FIRST("pyworkflow 2aed3e2 first, then our migrator");

	private final String displayName;

	CreationOrder(String displayName) {
		this.displayName = displayName;
	}

	/**
	 * The orders that differ for a pyworkflow version: an older pyworkflow first only where one is
	 * older.
	 * @param version the pyworkflow version that connects last
	 * @return the orders
	 */
	static List<CreationOrder> of(PyworkflowVersion version) {
		return Arrays.stream(values())
			.filter((order) -> order != OLDER_PYWORKFLOW_FIRST || version != PyworkflowVersion.V2AED3E2)
			.toList();
	}

	/**
	 * Creates the tables in this order, both sides, with no data.
	 * @param database an empty database
	 * @param version the pyworkflow version whose {@code connect()} runs (last, in
	 * {@link #OLDER_PYWORKFLOW_FIRST})
	 * @throws IllegalStateException for {@link #PYWORKFLOW_FIRST_WITH_DATA}, whose data the test
	 * writes between the two
	 */
	void createTables(SharedDatabase database, PyworkflowVersion version) {
		switch (this) {
			case OURS_FIRST -> {
				database.migrate();
				database.pyworkflowConnect(version);
			}
			case PYWORKFLOW_FIRST -> {
				database.pyworkflowCreatesTables(version);
				database.migrate();
			}
			case OLDER_PYWORKFLOW_FIRST -> {
				database.pyworkflowCreatesTables(PyworkflowVersion.V2AED3E2);
				database.migrate();
				database.pyworkflowConnect(version);
			}
			case PYWORKFLOW_FIRST_WITH_DATA -> throw new IllegalStateException(this + " needs data written in between");
		}
	}

	@Override
	public String toString() {
		return this.displayName;
	}

}
