package dev.workflow.storage.citus.testing;

import javax.sql.DataSource;

import dev.workflow.storage.citus.CitusSchemaMigrator;

/**
 * The tests' Citus cluster: the test-support module's {@link CitusServer}, plus the migrated Citus
 * schema, which needs this module's classes. The cluster itself lives in test-support so that the
 * benchmarks' main code can use it without depending on this test-jar.
 */
public final class CitusClusters {

	private CitusClusters() {
	}

	/**
	 * The cluster, started on first use.
	 * @return the cluster, or {@code null} when none can be had (see {@link #unavailableReason()})
	 */
	public static CitusCluster get() {
		return CitusServer.get();
	}

	/**
	 * A new database of the cluster with the Citus schema migrated.
	 * @param prefix the start of the database's name
	 * @return a pooled data source on the coordinator
	 * @throws IllegalStateException saying why when no cluster can be had
	 */
	public static DataSource newMigratedDatabase(String prefix) {
		DataSource dataSource = CitusServer.newDatabase(prefix);
		new CitusSchemaMigrator(dataSource).migrate();
		return dataSource;
	}

	public static String unavailableReason() {
		return CitusServer.unavailableReason();
	}

	/**
	 * Whether a local Citus installation can be found, without starting anything.
	 * @return {@code true} if {@code pg_config} leads to a Citus extension
	 */
	public static boolean localCitusInstalled() {
		return CitusServer.localCitusInstalled();
	}

	/**
	 * A local cluster of its own, for a test that stops and starts its nodes without disturbing
	 * the shared one.
	 * @param workers how many workers
	 * @return the started cluster, to {@link LocalCitusCluster#close() close} when done
	 */
	public static LocalCitusCluster startLocal(int workers) {
		return CitusServer.startLocal(workers);
	}

}
