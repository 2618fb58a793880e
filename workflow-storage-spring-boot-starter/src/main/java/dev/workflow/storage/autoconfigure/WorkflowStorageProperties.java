package dev.workflow.storage.autoconfigure;

import java.util.Locale;

import dev.workflow.storage.WorkflowStorage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of workflow storage, named as pyworkflow's Python workers name it, so the same
 * environment variables ({@code PYWORKFLOW_STORAGE_TYPE}, {@code PYWORKFLOW_POSTGRES_HOST}, ...)
 * configure both.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("pyworkflow")
public class WorkflowStorageProperties implements InitializingBean, Validator {

	private static final Logger logger = LoggerFactory.getLogger(WorkflowStorageProperties.class);

	private final Storage storage = new Storage();

	private final Postgres postgres = new Postgres();

	private final Data data = new Data();

	public Storage getStorage() {
		return this.storage;
	}

	public Data getData() {
		return this.data;
	}

	public Postgres getPostgres() {
		return this.postgres;
	}

	@Override
	public void afterPropertiesSet() {
		this.storage.warnIfTypeAndBackendDiffer();
	}

	// why: Boot validates what it binds with a properties object that is a Validator, at each level,
	// so a check across two properties is reported like a setter's; at the level of Postgres the
	// failure also carries the property's origin (Boot names the field 'minPoolSize' there, hence the
	// dashed name in the message). Setters see one value only.
	@Override
	public boolean supports(Class<?> type) {
		return Postgres.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		Postgres postgres = (Postgres) target;
		if (postgres.getMinPoolSize() > postgres.getMaxPoolSize()) {
			errors.rejectValue("minPoolSize", "range",
					"pyworkflow.postgres.min-pool-size (" + postgres.getMinPoolSize()
							+ ") must be at most pyworkflow.postgres.max-pool-size (" + postgres.getMaxPoolSize() + ")");
		}
	}

	/**
	 * Which store, and what happens to its schema.
	 */
	public static class Storage {

		/**
		 * Where workflow data is stored. 'memory' keeps nothing when the application stops.
		 * Defaults to 'backend', else 'memory'.
		 */
		private @Nullable StorageType type;

		/**
		 * pyworkflow's other name for 'type' (PYWORKFLOW_STORAGE_BACKEND), used when 'type' is not
		 * set.
		 */
		private @Nullable StorageType backend;

		/**
		 * What happens to the PostgreSQL or Citus schema at startup.
		 */
		private SchemaMode schema = SchemaMode.MIGRATE;

		/**
		 * Which event types are recorded. pyworkflow fails to read a run holding an event type it
		 * does not know, so only its own are recorded unless 'any' is set, for applications whose
		 * runs pyworkflow never reads.
		 */
		private EventTypesMode eventTypes = EventTypesMode.PYWORKFLOW;

		/**
		 * How long a starting application waits for another process's schema migration (on the
		 * same database) before it fails naming that process's session: a plain number is seconds
		 * ('300', '0.5'), or give a unit ('5m'); '0' fails at once while another migrates. The
		 * migration itself has no time limit.
		 */
		private Seconds migrationLockTimeout = Seconds.of(300);

		private final Observations observations = new Observations();

		private final Retention retention = new Retention();

		/**
		 * The storage type in use: 'type', else 'backend', else memory, as pyworkflow picks it
		 * ({@link ConditionalOnStorageType} applies the same rule).
		 * @return the type
		 */
		public StorageType getType() {
			if (this.type != null) {
				return this.type;
			}
			return (this.backend != null) ? this.backend : StorageType.MEMORY;
		}

		public void setType(@Nullable StorageType type) {
			this.type = type;
		}

		public @Nullable StorageType getBackend() {
			return this.backend;
		}

		public void setBackend(@Nullable StorageType backend) {
			this.backend = backend;
		}

		// pyworkflow takes the type silently; a line says so, as the two disagree.
		private void warnIfTypeAndBackendDiffer() {
			if (this.type != null && this.backend != null && this.type != this.backend) {
				logger.warn("Both pyworkflow.storage.type={} and pyworkflow.storage.backend={} are set "
						+ "(PYWORKFLOW_STORAGE_TYPE, PYWORKFLOW_STORAGE_BACKEND); using the type, {}, "
						+ "as pyworkflow does.",
						name(this.type), name(this.backend), name(this.type));
			}
		}

		private static String name(StorageType type) {
			return type.name().toLowerCase(Locale.ROOT);
		}

		public SchemaMode getSchema() {
			return this.schema;
		}

		public void setSchema(SchemaMode schema) {
			this.schema = schema;
		}

		public EventTypesMode getEventTypes() {
			return this.eventTypes;
		}

		public void setEventTypes(EventTypesMode eventTypes) {
			this.eventTypes = eventTypes;
		}

		public Seconds getMigrationLockTimeout() {
			return this.migrationLockTimeout;
		}

		public void setMigrationLockTimeout(Seconds migrationLockTimeout) {
			if (migrationLockTimeout.toDuration().isNegative()) {
				throw new IllegalArgumentException("pyworkflow.storage.migration-lock-timeout must be 0 (fail at once "
						+ "while another process migrates) or more, got " + migrationLockTimeout);
			}
			this.migrationLockTimeout = migrationLockTimeout;
		}

		public Observations getObservations() {
			return this.observations;
		}

		public Retention getRetention() {
			return this.retention;
		}

	}

	/**
	 * Retention: deleting ended runs (and old stream rows) on a schedule, as pyworkflow's beat does
	 * when PYWORKFLOW_DATA_RETENTION_DAYS is set.
	 */
	public static class Retention {

		/**
		 * Days that ended runs are kept after their last update: 0 or more. Unset (the default) keeps
		 * them forever. Defaults to pyworkflow's pyworkflow.data.retention.days
		 * (PYWORKFLOW_DATA_RETENTION_DAYS).
		 */
		private @Nullable Integer days;

		/**
		 * How often a pass runs, from a minute after startup: a plain number is seconds ('3600'), or
		 * give a unit ('1h'), more than 0.
		 */
		private Seconds interval = Seconds.of(3600);

		/**
		 * The most runs one transaction deletes, 1 to 10000.
		 */
		private int batchSize = WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE;

		public @Nullable Integer getDays() {
			return this.days;
		}

		public void setDays(@Nullable Integer days) {
			this.days = checkDays("pyworkflow.storage.retention.days", days);
		}

		public Seconds getInterval() {
			return this.interval;
		}

		public void setInterval(Seconds interval) {
			if (interval.toDuration().isNegative() || interval.toDuration().isZero()) {
				throw new IllegalArgumentException("pyworkflow.storage.retention.interval must be more than 0, got "
						+ interval);
			}
			this.interval = interval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			if (batchSize < 1 || batchSize > WorkflowStorage.MAX_LIMIT) {
				throw new IllegalArgumentException("pyworkflow.storage.retention.batch-size must be 1 to "
						+ WorkflowStorage.MAX_LIMIT + ", got " + batchSize);
			}
			this.batchSize = batchSize;
		}

	}

	/**
	 * pyworkflow's names of settings that this starter keeps elsewhere.
	 */
	public static class Data {

		private final DataRetention retention = new DataRetention();

		public DataRetention getRetention() {
			return this.retention;
		}

	}

	/**
	 * pyworkflow's retention setting.
	 */
	public static class DataRetention {

		/**
		 * pyworkflow's name for pyworkflow.storage.retention.days (PYWORKFLOW_DATA_RETENTION_DAYS),
		 * used when that is not set.
		 */
		private @Nullable Integer days;

		public @Nullable Integer getDays() {
			return this.days;
		}

		public void setDays(@Nullable Integer days) {
			this.days = checkDays("pyworkflow.data.retention.days", days);
		}

	}

	private static @Nullable Integer checkDays(String property, @Nullable Integer days) {
		if (days != null && days < 0) {
			throw new IllegalArgumentException(property + " must be 0 or more (unset keeps runs forever), got " + days);
		}
		return days;
	}

	/**
	 * How many days retention keeps ended runs: {@code pyworkflow.storage.retention.days}, else
	 * pyworkflow's {@code pyworkflow.data.retention.days}.
	 * @return the days, or {@code null} when retention is off
	 */
	public @Nullable Integer retentionDays() {
		Integer days = this.storage.getRetention().getDays();
		return (days != null) ? days : this.data.getRetention().getDays();
	}

	/**
	 * Micrometer observations (timers, tracing spans) of the starter's storage.
	 */
	public static class Observations {

		/**
		 * Whether every operation of the starter's storage is observed, when the application has
		 * an ObservationRegistry.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The PostgreSQL (or Citus coordinator) server, for storage types 'postgres' and 'citus'.
	 */
	public static class Postgres {

		/**
		 * Host of the PostgreSQL server.
		 */
		private String host = "localhost";

		/**
		 * Port of the PostgreSQL server, 1 to 65535.
		 */
		private int port = 5432;

		/**
		 * Database user.
		 */
		private String user = "pyworkflow";

		/**
		 * Database password.
		 */
		private String password = "";

		/**
		 * Database name.
		 */
		private String database = "pyworkflow";

		/**
		 * libpq connection URI such as 'postgresql://user:pass@host1:5432,host2:5432/db?sslmode=require',
		 * as pyworkflow accepts; when set, it replaces host, port, user, password and database.
		 * Percent-encode '@', ':', '/', '?', '#', '%', '&' and spaces in the user name and password.
		 */
		private @Nullable String dsn;

		/**
		 * Connections the pool keeps open when idle: 0 or more, and at most max-pool-size.
		 */
		private int minPoolSize = 1;

		/**
		 * Connections the pool opens at most: 1 or more.
		 */
		private int maxPoolSize = 10;

		/**
		 * SSL mode, as libpq names it: 'disable', 'allow', 'prefer', 'require', 'verify-ca' or
		 * 'verify-full'; when set, it replaces the DSN's sslmode.
		 */
		private @Nullable SslMode sslmode;

		/**
		 * How long a storage call waits for a connection (and a new connection for the server)
		 * before it fails; a plain number is seconds ('5', '2.5'), or give a unit ('500ms').
		 */
		private Seconds connectTimeout = Seconds.of(5);

		/**
		 * How long one statement may run before the server cancels it, as pyworkflow's command
		 * timeout: a plain number is seconds ('60', '0.5'), or give a unit ('90s'). The driver
		 * counts it in whole seconds, rounded up. A cancelled statement's storage call fails and
		 * wrote nothing; its connection stays in the pool. Schema migrations run without it.
		 */
		private Seconds commandTimeout = Seconds.of(60);

		/**
		 * How long a connection may stay idle in the pool before it is closed, as pyworkflow's
		 * max inactive lifetime: a plain number is seconds ('1800'), or give a unit ('30m'); '0'
		 * keeps idle connections. Connections up to min-pool-size are kept open, and a pool whose
		 * min-pool-size equals max-pool-size never closes idle ones.
		 */
		private Seconds maxInactiveLifetime = Seconds.of(1800);

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("pyworkflow.postgres.port must be 1 to 65535, got " + port);
			}
			this.port = port;
		}

		public String getUser() {
			return this.user;
		}

		public void setUser(String user) {
			this.user = user;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public String getDatabase() {
			return this.database;
		}

		public void setDatabase(String database) {
			this.database = database;
		}

		public @Nullable String getDsn() {
			return this.dsn;
		}

		public void setDsn(@Nullable String dsn) {
			this.dsn = dsn;
		}

		public int getMinPoolSize() {
			return this.minPoolSize;
		}

		// why: HikariCP refuses these with messages naming neither the property nor its origin.
		public void setMinPoolSize(int minPoolSize) {
			if (minPoolSize < 0) {
				throw new IllegalArgumentException(
						"pyworkflow.postgres.min-pool-size must be 0 or more, got " + minPoolSize);
			}
			this.minPoolSize = minPoolSize;
		}

		public int getMaxPoolSize() {
			return this.maxPoolSize;
		}

		public void setMaxPoolSize(int maxPoolSize) {
			if (maxPoolSize < 1) {
				throw new IllegalArgumentException(
						"pyworkflow.postgres.max-pool-size must be 1 or more, got " + maxPoolSize);
			}
			this.maxPoolSize = maxPoolSize;
		}

		public @Nullable SslMode getSslmode() {
			return this.sslmode;
		}

		public void setSslmode(@Nullable SslMode sslmode) {
			this.sslmode = sslmode;
		}

		public Seconds getConnectTimeout() {
			return this.connectTimeout;
		}

		// why: HikariCP refuses a connection timeout under 250 ms with a message that names neither
		// the property nor the value.
		public void setConnectTimeout(Seconds connectTimeout) {
			if (connectTimeout.toDuration().toMillis() < 250) {
				throw new IllegalArgumentException(
						"pyworkflow.postgres.connect-timeout must be at least 0.25 (250ms), got " + connectTimeout);
			}
			this.connectTimeout = connectTimeout;
		}

		public Seconds getCommandTimeout() {
			return this.commandTimeout;
		}

		// why: asyncpg refuses a command timeout of zero or less, so pyworkflow would not start.
		public void setCommandTimeout(Seconds commandTimeout) {
			if (commandTimeout.toDuration().isNegative() || commandTimeout.toDuration().isZero()) {
				throw new IllegalArgumentException(
						"pyworkflow.postgres.command-timeout must be more than 0, got " + commandTimeout);
			}
			this.commandTimeout = commandTimeout;
		}

		public Seconds getMaxInactiveLifetime() {
			return this.maxInactiveLifetime;
		}

		public void setMaxInactiveLifetime(Seconds maxInactiveLifetime) {
			if (maxInactiveLifetime.toDuration().isNegative()) {
				throw new IllegalArgumentException("pyworkflow.postgres.max-inactive-lifetime must be 0 (keep idle "
						+ "connections) or more, got " + maxInactiveLifetime);
			}
			this.maxInactiveLifetime = maxInactiveLifetime;
		}

		// The password never appears: not in logs, failure analyses or health output.
		@Override
		public String toString() {
			return "Postgres[host=" + this.host + ", port=" + this.port + ", user=" + this.user + ", password="
					+ (this.password.isEmpty() ? "" : "******") + ", database=" + this.database + ", dsn="
					+ ((this.dsn != null) ? PostgresDsn.redact(this.dsn) : null) + ", minPoolSize="
					+ this.minPoolSize + ", maxPoolSize=" + this.maxPoolSize + ", sslmode=" + ((this.sslmode != null) ? this.sslmode.value() : null)
					+ ", connectTimeout=" + this.connectTimeout + ", commandTimeout=" + this.commandTimeout
					+ ", maxInactiveLifetime=" + this.maxInactiveLifetime + "]";
		}

	}

}
