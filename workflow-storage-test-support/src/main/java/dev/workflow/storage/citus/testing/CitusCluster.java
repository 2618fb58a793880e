package dev.workflow.storage.citus.testing;

import javax.sql.DataSource;

/**
 * A running Citus cluster that tests take databases from.
 */
public interface CitusCluster {

	/**
	 * A new database with the Citus extension on every node and the workers registered in it.
	 * @param prefix the start of its name
	 * @return a pooled data source on the coordinator's copy
	 */
	DataSource newDatabase(String prefix);

	/**
	 * How many workers each new database has registered.
	 * @return the worker count (0 for a single-node cluster)
	 */
	int workerCount();

}
