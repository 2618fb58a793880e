package dev.workflow.storage.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints the starter registers through {@code META-INF/spring/aot.factories}, as Spring's
 * AOT processing applies them for a native image: every changelog file on the classpath (the core
 * module's and the Citus module's) is a resource, and every class a changelog names in a
 * {@code customChange}, which Liquibase instantiates by reflection, can be constructed, and
 * {@link Seconds} properties can be converted from text.
 */
class WorkflowStorageRuntimeHintsTests {

	static final String CHANGELOGS = "db/workflow-storage/";

	private static final Pattern CUSTOM_CHANGE = Pattern.compile("<customChange\\s+class=\"([^\"]+)\"");

	private static final RuntimeHints hints = new RuntimeHints();

	@BeforeAll
	static void registerHints() {
		ClassLoader classLoader = WorkflowStorageRuntimeHintsTests.class.getClassLoader();
		List<RuntimeHintsRegistrar> ours = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("dev.workflow.storage."))
			.toList();
		assertThat(ours).isNotEmpty();
		ours.forEach((registrar) -> registrar.registerHints(hints, classLoader));
	}

	@Test
	void everyChangelogFileIsAResource() throws IOException {
		Map<String, Resource> changelogs = changelogFiles();
		// Both modules' files, so the check below is not vacuous.
		assertThat(changelogs.keySet()).contains(CHANGELOGS + "postgres/changelog.xml",
				CHANGELOGS + "citus/changelog.xml", CHANGELOGS + "common/events.sql");
		assertThat(changelogs.keySet())
			.allSatisfy((path) -> assertThat(RuntimeHintsPredicates.resource().forResource(path)).as(path)
				.accepts(hints));
	}

	@Test
	void everyCustomChangeCanBeConstructed() throws Exception {
		Set<String> customChanges = new TreeSet<>();
		for (Resource changelog : changelogFiles().values()) {
			try (InputStream in = changelog.getInputStream()) {
				Matcher matcher = CUSTOM_CHANGE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				while (matcher.find()) {
					customChanges.add(matcher.group(1));
				}
			}
		}
		assertThat(customChanges).isNotEmpty();
		List<String> missing = new ArrayList<>();
		for (String name : customChanges) {
			// Liquibase's CustomChangeWrapper: Class.forName(name).getConstructor().newInstance().
			if (!RuntimeHintsPredicates.reflection()
				.onConstructorInvocation(Class.forName(name).getConstructor())
				.test(hints)) {
				missing.add(name);
			}
		}
		assertThat(missing).as("custom changes without a constructor hint").isEmpty();
	}

	@Test
	void durationsCanBeReadFromText() {
		// pyworkflow.postgres.command-timeout=60 and the like, converted by Seconds.valueOf(String).
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Seconds.class, "valueOf")).accepts(hints);
	}

	// Every file under db/workflow-storage/ in any classpath root, by its classpath path.
	static Map<String, Resource> changelogFiles() throws IOException {
		Map<String, Resource> files = new LinkedHashMap<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:" + CHANGELOGS + "**/*")) {
			String url = resource.getURL().toString();
			if (resource.isReadable() && !url.endsWith("/")) {
				files.put(url.substring(url.lastIndexOf(CHANGELOGS)), resource);
			}
		}
		return files;
	}

}
