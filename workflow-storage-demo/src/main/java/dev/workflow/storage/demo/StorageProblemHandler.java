package dev.workflow.storage.demo;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.StorageAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Storage exceptions as RFC 9457 problem bodies: bad input 400, unknown ids 404, duplicates 409,
 * an unreachable store 503. Malformed requests get the framework's own 400 problems.
 */
@RestControllerAdvice
class StorageProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler({ InvalidInputException.class, IllegalArgumentException.class })
	ProblemDetail badRequest(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex);
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

	@ExceptionHandler(StorageAccessException.class)
	ProblemDetail unavailable(StorageAccessException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable", ex);
	}

	private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title);
		return problem;
	}

}
