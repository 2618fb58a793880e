package dev.workflow.storage.citus;

import javax.sql.DataSource;

import dev.workflow.storage.postgres.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or adopts the workflow storage tables on a Citus coordinator and distributes them,
 * after checking that the server has Citus at all.
 *
 * <p>
 * Every distribution changeset is skipped when its table is distributed already, so a second
 * start, a second application instance, or a table an operator distributed by hand all pass.
 *
 * @since 0.1.0
 */
public class CitusSchemaMigrator {

	/**
	 * The Citus changelog, in this module's jar.
	 */
	public static final String CHANGELOG = "db/workflow-storage/citus/changelog.xml";

	private static final Logger logger = LoggerFactory.getLogger(CitusSchemaMigrator.class);

	private final DataSource dataSource;

	public CitusSchemaMigrator(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Checks for Citus, then applies the changelog.
	 * @throws CitusNotAvailableException on a server without Citus
	 */
	public void migrate() {
		CitusMetadata metadata = new CitusMetadata(this.dataSource);
		String version = metadata.requireVersion();
		logger.info("Workflow storage on {} with {} active worker(s)", version, metadata.activeWorkerCount());
		new SchemaMigrator(this.dataSource, CHANGELOG).migrate();
	}

	/**
	 * Checks for Citus and that every changeset is applied, changing nothing.
	 * @throws CitusNotAvailableException on a server without Citus
	 */
	public void validate() {
		new CitusMetadata(this.dataSource).requireVersion();
		new SchemaMigrator(this.dataSource, CHANGELOG).validate();
	}

}
