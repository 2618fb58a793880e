package dev.workflow.storage;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception a {@link WorkflowStorage} throws; names the operation that failed.
 *
 * @since 0.1.0
 */
public class WorkflowStorageException extends RuntimeException {

	private final Operation operation;

	public WorkflowStorageException(Operation operation, String message, @Nullable Throwable cause) {
		super(operation.methodName() + ": " + message, cause);
		this.operation = operation;
	}

	/**
	 * The name of the storage operation that failed, such as {@code createRun}.
	 * @return the operation's method name
	 * @see #getStorageOperation()
	 */
	public String getOperation() {
		return this.operation.methodName();
	}

	/**
	 * The storage operation that failed.
	 * @return the operation
	 * @since 0.2.0
	 */
	public Operation getStorageOperation() {
		return this.operation;
	}

	/**
	 * Quotes a value for an error message, shortened and with control characters escaped, so
	 * that a huge or binary value cannot flood a log.
	 * @param value the value
	 * @return the quoted value, or {@code null} as text
	 */
	public static String quote(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		String text = value.toString();
		StringBuilder quoted = new StringBuilder(Math.min(text.length(), 200) + 8).append('\'');
		int shown = Math.min(text.length(), 200);
		for (int i = 0; i < shown; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		if (shown < text.length()) {
			quoted.append("...(").append(text.length()).append(" chars)");
		}
		return quoted.append('\'').toString();
	}

}
