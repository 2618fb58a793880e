package dev.workflow.storage.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Everything a failure would print: every message of its cause chain, suppressed ones included.
 */
final class StackTraces {

	private StackTraces() {
	}

	static String of(Throwable failure) {
		StringWriter writer = new StringWriter();
		failure.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

}
