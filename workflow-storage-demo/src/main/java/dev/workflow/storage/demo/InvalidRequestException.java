package dev.workflow.storage.demo;

/**
 * A request body the API refuses before the storage sees it, naming the field in the API's own
 * terms (the storage's messages name its parameters).
 */
class InvalidRequestException extends RuntimeException {

	private final String field;

	InvalidRequestException(String field, String message) {
		super(field + " " + message);
		this.field = field;
	}

	String getField() {
		return this.field;
	}

}
