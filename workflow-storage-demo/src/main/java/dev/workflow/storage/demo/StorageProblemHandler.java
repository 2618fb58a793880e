package dev.workflow.storage.demo;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.StorageAccessException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Storage exceptions as RFC 9457 problem bodies: bad input 400, unknown ids 404, duplicates 409,
 * an unreachable store 503. Malformed requests get the framework's own 400 problems. Only our
 * own exceptions say 400: any other {@link IllegalArgumentException} is a bug, a logged 500.
 */
@RestControllerAdvice
class StorageProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(StorageProblemHandler.class);

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail badRequest(InvalidInputException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex);
	}

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail badRequestBody(InvalidRequestException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ex);
		problem.setProperty("field", ex.getField());
		return problem;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex);
	}

	@ExceptionHandler(DuplicateIdempotencyKeyException.class)
	ProblemDetail duplicateKey(DuplicateIdempotencyKeyException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Duplicate idempotency key", ex);
		problem.setProperty("existingRunId", ex.getExistingRunId());
		return problem;
	}

	@ExceptionHandler(DuplicateIdException.class)
	ProblemDetail duplicateId(DuplicateIdException ex) {
		return problem(HttpStatus.CONFLICT, "Duplicate id", ex);
	}

	// The driver's message can name hosts, users or SQL: logged for operators, never echoed.
	@ExceptionHandler(StorageAccessException.class)
	ProblemDetail unavailable(StorageAccessException ex) {
		log.warn("Workflow storage unavailable", ex);
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable", "workflow storage unavailable");
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail bug(IllegalArgumentException ex) {
		log.error("Unexpected IllegalArgumentException", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "internal error");
	}

	private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
		return problem(status, title, ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
