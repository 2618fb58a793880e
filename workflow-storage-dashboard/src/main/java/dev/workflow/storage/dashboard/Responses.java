package dev.workflow.storage.dashboard;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's responses, written straight to the servlet response: no message converter of
 * the application's is involved, so its JSON or view settings change nothing here.
 */
final class Responses {

	static final String HTML = "text/html;charset=UTF-8";

	static final String TEXT = "text/plain;charset=UTF-8";

	static final String JSON = "application/json";

	private Responses() {
	}

	static ServerResponse html(HttpStatusCode status, String html) {
		return body(status, HTML, html.getBytes(StandardCharsets.UTF_8), CacheControl.noStore());
	}

	static ServerResponse text(HttpStatusCode status, String text) {
		return body(status, TEXT, text.getBytes(StandardCharsets.UTF_8), CacheControl.noStore());
	}

	static ServerResponse json(HttpStatusCode status, String json) {
		return body(status, JSON, json.getBytes(StandardCharsets.UTF_8), CacheControl.noStore());
	}

	/**
	 * A response of the given bytes.
	 * @param status the status
	 * @param contentType the content type, with its charset where it is text
	 * @param body the bytes
	 * @param cacheControl how long it may be cached
	 * @return the response
	 */
	static ServerResponse body(HttpStatusCode status, String contentType, byte[] body, CacheControl cacheControl) {
		return ServerResponse.status(status).cacheControl(cacheControl).build((request, response) -> {
			response.setContentType(contentType);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			return null;
		});
	}

	/**
	 * A redirect after a lookup: the browser then shows the run's own, shareable URL.
	 * @param location the path to go to
	 * @return the response
	 */
	static ServerResponse seeOther(String location) {
		return ServerResponse.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, URI.create(location).toASCIIString())
			.cacheControl(CacheControl.noStore())
			.build();
	}

	/**
	 * The answer to a method an action does not take.
	 * @return a 405 naming POST as the one allowed
	 */
	static ServerResponse onlyPost() {
		return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
			.allow(HttpMethod.POST)
			.cacheControl(CacheControl.noStore())
			.build((request, response) -> {
				byte[] body = "This action only takes POST.\n".getBytes(StandardCharsets.UTF_8);
				response.setContentType(TEXT);
				response.getOutputStream().write(body);
				return null;
			});
	}

}
