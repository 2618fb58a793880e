package dev.workflow.storage.citus.pyworkflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Collects every difference between a fixture description and what a backend reads, instead of
 * stopping at the first, so one run of the suite reports them all.
 */
final class Mismatches {

	private static final Set<String> TIMESTAMP_FIELDS = Set.of("created_at", "updated_at", "started_at",
			"completed_at", "received_at", "expires_at", "timestamp", "next_run_time", "last_run_time", "start_at",
			"end_at", "paused_at", "deleted_at", "published_at", "due_at");

	private final List<String> found = new ArrayList<>();

	/**
	 * Compares every field of an expected description with the actual one.
	 * @param label what is compared, such as {@code run py-parent}
	 * @param expected the expected fields
	 * @param actual the fields read, or {@code null} when nothing was found
	 */
	void compare(String label, JsonNode expected, @Nullable JsonNode actual) {
		if (actual == null) {
			add(label, "present", "missing");
			return;
		}
		for (Map.Entry<String, JsonNode> field : expected.properties()) {
			JsonNode value = actual.get(field.getKey());
			if (value == null) {
				add(label + "." + field.getKey(), field.getValue(), "<not read>");
			}
			else if (!same(field.getKey(), field.getValue(), value)) {
				add(label + "." + field.getKey(), field.getValue(), value);
			}
		}
	}

	void check(String what, @Nullable Object expected, @Nullable Object actual) {
		if (!Objects.equals(expected, actual)) {
			add(what, expected, actual);
		}
	}

	void checkJson(String what, JsonNode expected, JsonNode actual) {
		if (!same("", expected, actual)) {
			add(what, expected, actual);
		}
	}

	/**
	 * Calls one of our operations; an exception becomes a mismatch rather than ending the check.
	 * @param <T> the result type
	 * @param what the call, for the report
	 * @param call the call
	 * @return its result, or {@code null} when it threw
	 */
	<T> @Nullable T guarded(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			add(what, "no exception", ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return null;
		}
	}

	void add(String what, @Nullable Object expected, @Nullable Object actual) {
		this.found.add(what + ": expected " + expected + " but was " + actual);
	}

	List<String> list() {
		return List.copyOf(this.found);
	}

	/**
	 * Whether two description values mean the same: timestamps as instants, numbers by value,
	 * objects and arrays member by member, everything else exactly.
	 */
	static boolean same(String field, JsonNode expected, JsonNode actual) {
		if (TIMESTAMP_FIELDS.contains(field) && expected.isString() && actual.isString()) {
			return Objects.equals(FixtureJson.instant(expected), FixtureJson.instant(actual));
		}
		if (expected.isNumber() && actual.isNumber()) {
			return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
		}
		if (expected.isObject() && actual.isObject()) {
			if (!Set.copyOf(expected.propertyNames()).equals(Set.copyOf(actual.propertyNames()))) {
				return false;
			}
			return expected.properties().stream().allMatch((e) -> same(e.getKey(), e.getValue(), actual.get(e.getKey())));
		}
		if (expected.isArray() && actual.isArray()) {
			if (expected.size() != actual.size()) {
				return false;
			}
			for (int i = 0; i < expected.size(); i++) {
				if (!same(field, expected.get(i), actual.get(i))) {
					return false;
				}
			}
			return true;
		}
		return expected.equals(actual);
	}

}
