package dev.workflow.storage.autoconfigure;

/**
 * {@link WorkflowStorageConnectionDetails} from {@code pyworkflow.postgres.*}: the DSN when set,
 * else host, port, user, password and database.
 */
class PropertiesWorkflowStorageConnectionDetails implements WorkflowStorageConnectionDetails {

	private final WorkflowStorageProperties.Postgres properties;

	private final PostgresDsn dsn;

	PropertiesWorkflowStorageConnectionDetails(WorkflowStorageProperties.Postgres properties) {
		this.properties = properties;
		this.dsn = (properties.getDsn() != null && !properties.getDsn().isBlank())
				? PostgresDsn.parse(properties.getDsn()) : new PostgresDsn(properties.getHost(), properties.getPort(),
						properties.getDatabase(), properties.getUser(), properties.getPassword(), null);
	}

	@Override
	public String getJdbcUrl() {
		return this.dsn.jdbcUrl(this.properties.getSslmode());
	}

	@Override
	public String getUsername() {
		return this.dsn.user();
	}

	@Override
	public String getPassword() {
		return this.dsn.password();
	}

}
