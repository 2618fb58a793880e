package dev.workflow.storage.autoconfigure;

/**
 * {@link WorkflowStorageConnectionDetails} from {@code pyworkflow.postgres.*}: the DSN when set,
 * else host, port, user, password and database. {@code pyworkflow.postgres.sslmode}, when set,
 * replaces the DSN's {@code sslmode}, as an asyncpg keyword argument does.
 */
class PropertiesWorkflowStorageConnectionDetails implements WorkflowStorageConnectionDetails {

	private final WorkflowStorageProperties.Postgres properties;

	private final PostgresDsn dsn;

	PropertiesWorkflowStorageConnectionDetails(WorkflowStorageProperties.Postgres properties) {
		this.properties = properties;
		this.dsn = (properties.getDsn() != null && !properties.getDsn().isBlank())
				? PostgresDsn.parse(properties.getDsn()) : PostgresDsn.of(properties.getHost(), properties.getPort(),
						properties.getDatabase(), properties.getUser(), properties.getPassword());
	}

	@Override
	public String getJdbcUrl() {
		SslMode sslmode = this.properties.getSslmode();
		return this.dsn.jdbcUrl((sslmode != null) ? sslmode.value() : null);
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
