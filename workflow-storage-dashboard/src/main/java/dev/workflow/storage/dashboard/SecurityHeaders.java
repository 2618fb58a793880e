package dev.workflow.storage.dashboard;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Adds the dashboard's security headers to every response it sends, errors included: a
 * Content-Security-Policy that lets a page load and contact nothing but its own origin (no
 * inline script or style either), {@code nosniff}, and a referrer kept to the same origin.
 */
final class SecurityHeaders implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		return new Secured(next.handle(request));
	}

	static void apply(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "same-origin");
	}

	// The headers are set on the servlet response as it is written, whatever built the response.
	private record Secured(ServerResponse response) implements ServerResponse {

		@Override
		public HttpStatusCode statusCode() {
			return this.response.statusCode();
		}

		@Override
		public HttpHeaders headers() {
			return this.response.headers();
		}

		@Override
		public MultiValueMap<String, Cookie> cookies() {
			return this.response.cookies();
		}

		@Override
		public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
				throws ServletException, IOException {
			apply(response);
			return this.response.writeTo(request, response, context);
		}

	}

}
