package dev.workflow.storage.citus.pyworkflow;

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
	PYWORKFLOW_FIRST_WITH_DATA("pyworkflow first with data");

	private final String displayName;

	CreationOrder(String displayName) {
		this.displayName = displayName;
	}

	@Override
	public String toString() {
		return this.displayName;
	}

}
