package dev.workflow.storage.dashboard;

import org.springframework.http.HttpStatus;

/**
 * A request the dashboard cannot answer as asked (a bad filter, a run that does not exist),
 * shown as a page with the status and a sentence saying what was wrong.
 */
final class DashboardProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	DashboardProblem(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	static DashboardProblem badRequest(String message) {
		return new DashboardProblem(HttpStatus.BAD_REQUEST, message);
	}

	static DashboardProblem notFound(String message) {
		return new DashboardProblem(HttpStatus.NOT_FOUND, message);
	}

	HttpStatus status() {
		return this.status;
	}

}
