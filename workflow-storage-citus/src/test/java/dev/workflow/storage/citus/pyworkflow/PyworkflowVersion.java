package dev.workflow.storage.citus.pyworkflow;

/**
 * The pyworkflow versions whose workers share the tables with us, each run from its own source
 * tarball ({@code pyworkflow-<commit>.tar.gz}, see the README next to them).
 */
enum PyworkflowVersion {

	/**
	 * Schema versions 1 and 2: the seven tables of runs, events, steps, hooks, schedules and flags.
	 */
	V2AED3E2("2aed3e2", 2, false),

	/**
	 * Schema versions 1 to 7: also streams, signals, stream subscriptions, scheduled signals,
	 * acknowledgments and checkpoints, and eight more event types.
	 */
	V45FBE4C("45fbe4c", 7, true);

	private final String commit;

	private final int schemaVersion;

	private final boolean listsRunSummaries;

	PyworkflowVersion(String commit, int schemaVersion, boolean listsRunSummaries) {
		this.commit = commit;
		this.schemaVersion = schemaVersion;
		this.listsRunSummaries = listsRunSummaries;
	}

	/**
	 * The commit's short hash, which names its tarball.
	 * @return such as {@code 45fbe4c}
	 */
	String commit() {
		return this.commit;
	}

	/**
	 * The newest schema version this version's migration runner records.
	 * @return the version
	 */
	int schemaVersion() {
		return this.schemaVersion;
	}

	/**
	 * Whether its {@code list_runs} pages as our {@code listRunSummaries} does: summaries, newest
	 * first on ({@code created_at}, {@code run_id}), the cursor the last run's id. 2aed3e2 orders on
	 * {@code created_at} alone, its cursor skipping runs created in the same microsecond.
	 * @return whether the two are compared
	 */
	boolean listsRunSummaries() {
		return this.listsRunSummaries;
	}

	/**
	 * The driver running this version's storage code.
	 * @return the driver
	 * @throws IllegalStateException when it is not available (the tests are then disabled by
	 * {@link EnabledIfPyworkflow})
	 */
	PyworkflowDriver driver() {
		PyworkflowDriver driver = PyworkflowDriver.get(this);
		if (driver == null) {
			throw new IllegalStateException("pyworkflow " + this.commit + " is not available: "
					+ PyworkflowDriver.unavailableReason());
		}
		return driver;
	}

	@Override
	public String toString() {
		return "pyworkflow " + this.commit;
	}

}
