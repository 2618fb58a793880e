package dev.workflow.storage.benchmarks.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Query string values, encoded.
 */
final class QueryParams {

	private QueryParams() {
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
