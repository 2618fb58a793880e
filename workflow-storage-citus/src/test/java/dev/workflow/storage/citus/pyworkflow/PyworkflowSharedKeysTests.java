package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Idempotency keys and hook tokens that pyworkflow's runs and hooks hold: we refuse to take them
 * and find their holders, also where pyworkflow's Citus backend let several rows share one.
 */
@EnabledIfPyworkflow
class PyworkflowSharedKeysTests {

	private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.HOURS);

	// why: the keys and tokens are those of 2aed3e2's runs and hooks, tables 45fbe4c left as they were.
	private static final PyworkflowVersion PYWORKFLOW = PyworkflowVersion.V2AED3E2;

	@ParameterizedTest(name = "{0} / pyworkflow 2aed3e2 first with data / idempotency keys and hook tokens held by pyworkflow")
	@EnumSource(Backend.class)
	void keysAndTokensPyworkflowHoldsAreRefusedAndFound(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_keys")) {
			database.pyworkflowConnect(PYWORKFLOW);
			PyworkflowOps.applyOk(database, PYWORKFLOW, PyworkflowOps.createRun("holder", T, "key-held"),
					PyworkflowOps.createHook("hook-1", "holder", "holder:hook-1", T));
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome.of(database).assertMigrated();
			before.assertNothingDeletedOrRewritten(database.jdbc());
			// pyworkflow's workers keep writing after our migrator ran, without our key tables.
			PyworkflowOps.applyOk(database, PYWORKFLOW, PyworkflowOps.createRun("late-holder", T.plusSeconds(1), "key-late"),
					PyworkflowOps.createHook("hook-1", "late-holder", "late-holder:hook-1", T.plusSeconds(1)));
			WorkflowStorage storage = database.storage();
			storage.createRun(WorkflowRun.builder("ours", "compat").build());
			SoftAssertions softly = new SoftAssertions();
			for (String[] holder : new String[][] { { "key-held", "holder" }, { "key-late", "late-holder" } }) {
				assertKeyRefusedAndFound(softly, storage, holder[0], List.of(holder[1]), holder[1]);
				assertTokenRefusedAndFound(softly, storage, holder[1] + ":hook-1", holder[1] + "/hook-1");
			}
			softly.assertAll();
		}
	}

	@Test
	@DisplayName("citus / pyworkflow 2aed3e2 first with data / runs sharing an idempotency key, hooks sharing a token")
	void sharedKeysAndTokensResolveToTheEarliestOnCitus() {
		try (SharedDatabase database = Backend.CITUS.newDatabase("pyw_shared")) {
			database.pyworkflowConnect(PYWORKFLOW);
			// why: pyworkflow's Citus schema has no unique index on either, so its workers can write these.
			PyworkflowOps.applyOk(database, PYWORKFLOW, PyworkflowOps.createRun("z-early", T, "shared-key"),
					PyworkflowOps.createRun("a-late", T.plusSeconds(10), "shared-key"),
					PyworkflowOps.createRun("tie-b", T.plusSeconds(20), "tie-key"),
					PyworkflowOps.createRun("tie-a", T.plusSeconds(20), "tie-key"),
					PyworkflowOps.createHook("hook-late", "z-early", "shared-token", T.plusSeconds(5)),
					PyworkflowOps.createHook("hook-early", "a-late", "shared-token", T.plusSeconds(1)));
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome.of(database).assertMigrated();
			before.assertNothingDeletedOrRewritten(database.jdbc());
			WorkflowStorage storage = database.storage();
			storage.createRun(WorkflowRun.builder("ours", "compat").build());
			SoftAssertions softly = new SoftAssertions();
			assertKeyRefusedAndFound(softly, storage, "shared-key", List.of("z-early", "a-late"), "z-early");
			assertKeyRefusedAndFound(softly, storage, "tie-key", List.of("tie-a", "tie-b"), "tie-a");
			assertTokenRefusedAndFound(softly, storage, "shared-token", "a-late/hook-early");
			softly.assertAll();
		}
	}

	/**
	 * getRunByIdempotencyKey returns the earliest holder (created_at, then run_id) without
	 * throwing, and our createRun with the key is refused naming a holder.
	 */
	private static void assertKeyRefusedAndFound(SoftAssertions softly, WorkflowStorage storage, String key,
			List<String> holders, String earliest) {
		softly.assertThat(safely(() -> storage.getRunByIdempotencyKey(key).map(WorkflowRun::runId).orElse(null)))
			.as("getRunByIdempotencyKey(%s)", key)
			.isEqualTo(earliest);
		String runId = "ours-with-" + key;
		Throwable thrown = catchThrowable(
				() -> storage.createRun(WorkflowRun.builder(runId, "compat").idempotencyKey(key).build()));
		softly.assertThat(thrown)
			.as("exception of createRun with idempotency key %s held by pyworkflow's %s (null: the run was created)", key,
					holders)
			.isInstanceOf(DuplicateIdempotencyKeyException.class);
		if (thrown instanceof DuplicateIdempotencyKeyException duplicate) {
			softly.assertThat(duplicate.getExistingRunId()).as("run named for key %s", key).isIn(holders);
			softly.assertThat(duplicate.getMessage()).contains(duplicate.getExistingRunId());
		}
	}

	/**
	 * getHookByToken returns the earliest holder, and our createHook with the token is refused.
	 */
	private static void assertTokenRefusedAndFound(SoftAssertions softly, WorkflowStorage storage, String token,
			String earliest) {
		softly.assertThat(safely(() -> storage.getHookByToken(token).map((h) -> h.runId() + "/" + h.hookId())
			.orElse(null))).as("getHookByToken(%s)", token).isEqualTo(earliest);
		Throwable thrown = catchThrowable(() -> storage.createHook(
				new Hook("ours-hook-" + token, "ours", token, Instant.now(), null, null, HookStatus.PENDING, null, "{}")));
		softly.assertThat(thrown)
			.as("exception of createHook with token %s held by pyworkflow (null: the hook was created)", token)
			.isInstanceOf(DuplicateIdException.class);
		if (thrown != null) {
			softly.assertThat(thrown.getMessage()).contains(token);
		}
	}

	/**
	 * A call's result as text, or the exception it threw, so one failing read does not hide the
	 * other assertions.
	 */
	private static String safely(Supplier<Object> call) {
		try {
			return String.valueOf(call.get());
		}
		catch (RuntimeException ex) {
			return "threw " + ex;
		}
	}

}
