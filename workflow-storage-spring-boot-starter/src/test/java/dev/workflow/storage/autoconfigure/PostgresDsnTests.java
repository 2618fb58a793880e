package dev.workflow.storage.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A DSN read by libpq's URI rules
 * (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS).
 */
class PostgresDsnTests {

	private static InvalidPostgresDsnException invalid(String dsn) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(InvalidPostgresDsnException.class,
				() -> PostgresDsn.parse(dsn));
	}

	@Test
	void whenDsnHasAllPartsShouldReadThem() {
		PostgresDsn dsn = PostgresDsn.parse("postgresql://bob:secret@db.example.com:5433/orders");
		assertThat(dsn.hosts()).containsExactly(new PostgresDsn.Host("db.example.com", 5433));
		assertThat(dsn.user()).isEqualTo("bob");
		assertThat(dsn.password()).isEqualTo("secret");
		assertThat(dsn.database()).isEqualTo("orders");
		assertThat(dsn.jdbcUrl(null)).isEqualTo("jdbc:postgresql://db.example.com:5433/orders");
	}

	@Test
	void whenPartsAreMissingShouldUseLibpqDefaults() {
		PostgresDsn dsn = PostgresDsn.parse("postgres://");
		assertThat(dsn.jdbcUrl(null)).isEqualTo("jdbc:postgresql://localhost:5432/pyworkflow");
		assertThat(dsn.user()).isEqualTo("pyworkflow");
		assertThat(dsn.password()).isEmpty();
		assertThat(PostgresDsn.parse("postgresql://bob@host").database()).isEqualTo("bob");
	}

	@Test
	void whenDsnIsPercentEncodedShouldOnlyPercentDecode() {
		PostgresDsn dsn = PostgresDsn.parse("postgresql://us%2Ber:a+b%20c@host/my%20db");
		assertThat(dsn.user()).isEqualTo("us+er");
		assertThat(dsn.password()).isEqualTo("a+b c");
		assertThat(dsn.database()).isEqualTo("my db");
		assertThat(dsn.jdbcUrl(null)).isEqualTo("jdbc:postgresql://host:5432/my%20db");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "S3cr3t%25pw|S3cr3t%pw", "S3cr3t%20pw|S3cr3t pw", "S3cr3t%2Fpw|S3cr3t/pw",
			"S3cr3t%23pw|S3cr3t#pw", "S3cr3t%40pw|S3cr3t@pw", "S3cr3t%3Fpw|S3cr3t?pw", "S3cr3t+pw|S3cr3t+pw",
			"S3cr3t:pw|S3cr3t:pw", "S3cr3t%26pw%3D|S3cr3t&pw=", "p%C3%A4ss|päss" })
	void whenPasswordIsPercentEncodedShouldDecodeIt(String encoded, String password) {
		PostgresDsn dsn = PostgresDsn.parse("postgresql://postgres:" + encoded + "@host:5599/x");
		assertThat(dsn.password()).isEqualTo(password);
		assertThat(dsn.hosts()).containsExactly(new PostgresDsn.Host("host", 5599));
		assertThat(dsn.database()).isEqualTo("x");
		assertThat(dsn.toString()).doesNotContain("S3cr3t").doesNotContain("pw");
	}

	@ParameterizedTest
	@ValueSource(strings = { "S3cr3t#pw", "S3cr3t@pw", "S3cr3t/pw", "S3cr3t?pw", "S3cr3t pw", "S3cr3t%pw",
			"S3cr3t%zzpw", "S3cr3t%" })
	void whenPasswordHasAnUnencodedSpecialCharacterShouldFailWithoutShowingIt(String password) {
		InvalidPostgresDsnException ex = invalid("postgresql://postgres:" + password + "@host:5599/x");
		assertThat(ex).isNotNull();
		assertThat(ex.getMessage()).startsWith("pyworkflow.postgres.dsn (postgresql://postgres:****@host:5599/x) ")
			.doesNotContain("S3cr3t")
			.doesNotContain("pw");
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void whenHostHasAnUnderscoreShouldKeepIt() {
		assertThat(PostgresDsn.parse("postgresql://u:p@pg_primary:5433/db").jdbcUrl(null))
			.isEqualTo("jdbc:postgresql://pg_primary:5433/db");
	}

	@Test
	void whenDsnHasSeveralHostsShouldListThemAll() {
		assertThat(PostgresDsn.parse("postgresql://h1:5432,h2:5433/db").jdbcUrl(null))
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
		assertThat(PostgresDsn.parse("postgresql://h1,h2:5433,h3/db").jdbcUrl(null))
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433,h3:5432/db");
	}

	@Test
	void whenHostIsIpv6ShouldKeepItsBrackets() {
		assertThat(PostgresDsn.parse("postgresql://[::1]:5433/db").jdbcUrl(null))
			.isEqualTo("jdbc:postgresql://[::1]:5433/db");
		assertThat(PostgresDsn.parse("postgresql://u@[2001:db8::1],h2/db").jdbcUrl(null))
			.isEqualTo("jdbc:postgresql://[2001:db8::1]:5432,h2:5432/db");
	}

	@Test
	void whenQueryNamesHostsAndPortsShouldUseThem() {
		assertThat(PostgresDsn.parse("postgresql:///db?host=h1,h2&port=5433").jdbcUrl(null))
			.isEqualTo("jdbc:postgresql://h1:5433,h2:5433/db");
		assertThat(PostgresDsn.parse("postgresql://ignored/db?host=h1,h2&port=5433,5434").jdbcUrl(null))
			.isEqualTo("jdbc:postgresql://h1:5433,h2:5434/db");
		assertThat(invalid("postgresql:///db?host=h1,h2,h3&port=1,2").getReason()).isEqualTo("has 3 hosts but 2 ports");
	}

	@Test
	void whenQueryHasLibpqParametersShouldUsePgjdbcNames() {
		PostgresDsn dsn = PostgresDsn.parse("postgresql://u:p@h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem"
				+ "&sslcert=/c.crt&sslkey=/c.key&application_name=my%20app&connect_timeout=7"
				+ "&target_session_attrs=read-write&options=-c%20search_path%3Dwf&keepalives=1"
				+ "&load_balance_hosts=random&gssencmode=disable&channel_binding=prefer&krbsrvname=pg");
		assertThat(dsn.jdbcUrl(null)).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=verify-full"
				+ "&sslrootcert=%2Fetc%2Fca.pem&sslcert=%2Fc.crt&sslkey=%2Fc.key&ApplicationName=my%20app"
				+ "&connectTimeout=7&targetServerType=primary&options=-c%20search_path%3Dwf&tcpKeepAlive=true"
				+ "&loadBalanceHosts=true&gssEncMode=disable&channelBinding=prefer&kerberosServerName=pg");
	}

	@ParameterizedTest
	@CsvSource({ "any, any", "read-write, primary", "primary, primary", "read-only, secondary", "standby, secondary",
			"prefer-standby, preferSecondary" })
	void whenTargetSessionAttrsIsSetShouldMapItToTargetServerType(String libpq, String pgjdbc) {
		assertThat(PostgresDsn.parse("postgresql://h/db?target_session_attrs=" + libpq).parameters())
			.containsEntry("targetServerType", pgjdbc);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sslcrl", "passfile", "service", "hostaddr", "client_encoding", "foo" })
	void whenQueryHasAParameterPgjdbcLacksShouldFailNamingIt(String name) {
		InvalidPostgresDsnException ex = invalid("postgresql://u:S3cr3t@h/db?" + name + "=x");
		assertThat(ex.getReason()).contains("'" + name + "'").contains("supported: ");
		assertThat(ex.getMessage()).doesNotContain("S3cr3t");
	}

	@Test
	void whenParameterValueIsInvalidShouldFailNamingIt() {
		assertThat(invalid("postgresql://h/db?sslmode=sometimes").getReason()).contains("sslmode=sometimes");
		assertThat(invalid("postgresql://h/db?target_session_attrs=fast").getReason())
			.contains("target_session_attrs=fast");
		assertThat(invalid("postgresql://h/db?connect_timeout=1.5").getReason()).contains("connect_timeout=1.5");
	}

	@Test
	void whenSslmodeIsGivenAsWellShouldAppearOnceWithTheGivenValue() {
		PostgresDsn dsn = PostgresDsn.parse("postgresql://h/db?sslmode=require&application_name=a");
		assertThat(dsn.jdbcUrl("verify-full"))
			.isEqualTo("jdbc:postgresql://h:5432/db?sslmode=verify-full&ApplicationName=a");
		assertThat(dsn.jdbcUrl(null)).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require&ApplicationName=a");
	}

	@Test
	void whenQueryHoldsCredentialsShouldUseThemAndKeepThemOutOfTheUrl() {
		PostgresDsn dsn = PostgresDsn.parse("postgresql://h:5599/x?user=bob&password=S3cr3t%2Fpw&sslmode=require");
		assertThat(dsn.user()).isEqualTo("bob");
		assertThat(dsn.password()).isEqualTo("S3cr3t/pw");
		assertThat(dsn.jdbcUrl(null)).isEqualTo("jdbc:postgresql://h:5599/x?sslmode=require");
		assertThat(dsn.toString()).doesNotContain("S3cr3t");
	}

	@Test
	void whenQueryPasswordHoldsAnUnencodedAmpersandShouldFailWithoutNamingTheRest() {
		InvalidPostgresDsnException ex = invalid("postgresql://h/x?password=S3cr3t&pw=1");
		assertThat(ex.getMessage()).doesNotContain("S3cr3t").doesNotContain("pw").contains("%26");
		assertThat(invalid("postgresql://h/x?password=S3cr3t&pw").getMessage()).doesNotContain("S3cr3t")
			.doesNotContain("pw");
	}

	@Test
	void whenDsnIsNotALibpqUriShouldFailWithoutQuotingIt() {
		InvalidPostgresDsnException ex = invalid("host=h password=S3cr3t");
		assertThat(ex.getMessage()).doesNotContain("S3cr3t").contains("postgresql://");
		assertThat(invalid("jdbc:postgresql://h/db?password=S3cr3t").getMessage()).doesNotContain("S3cr3t");
	}

	@Test
	void whenHostOrPortIsInvalidShouldFailNamingTheHost() {
		assertThat(invalid("postgresql://h:99999/db").getReason()).contains("'h'").contains("1 to 65535");
		assertThat(invalid("postgresql://h/db?host=/var/run/postgresql").getReason()).contains("Unix-domain socket");
		assertThat(invalid("postgresql://[::1/db").getReason()).contains("']'");
		assertThat(invalid("postgresql://ho$t/db").getReason()).contains("'ho$t'");
	}

	@Test
	void whenAtSignIsMissingAPasswordLikePortShouldNotBeShown() {
		InvalidPostgresDsnException ex = invalid("postgresql://postgres:S3cr3t");
		assertThat(ex.getMessage()).doesNotContain("S3cr3t").contains("postgresql://postgres:****");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "postgresql://u:S3cr3t@h/db|postgresql://u:****@h/db",
			"postgresql://u@h/db?sslmode=require&password=S3cr3t&pw=1"
					+ "|postgresql://u@h/db?sslmode=require&password=****",
			"postgresql://u:S3c@r3t/pw@h:1/db|postgresql://u:****@h:1/db", "postgres://h/db|postgres://h/db",
			"postgresql://h/db?user=me%40corp|postgresql://h/db?user=me%40corp",
			"postgresql://h/db?PASSWORD=S3cr3t|postgresql://h/db?PASSWORD=****",
			"S3cr3t|****" })
	void redactShouldMaskEveryPassword(String dsn, String redacted) {
		assertThat(PostgresDsn.redact(dsn)).isEqualTo(redacted);
	}

	@Test
	void ofShouldBracketIpv6AndEncodeTheDatabase() {
		PostgresDsn dsn = PostgresDsn.of("::1", 5432, "a/b+c", "u", "S3cr3t");
		assertThat(dsn.jdbcUrl(null)).isEqualTo("jdbc:postgresql://[::1]:5432/a%2Fb%2Bc");
		assertThat(dsn.hosts()).isEqualTo(List.of(new PostgresDsn.Host("::1", 5432)));
		assertThat(dsn.toString()).doesNotContain("S3cr3t");
	}

}
