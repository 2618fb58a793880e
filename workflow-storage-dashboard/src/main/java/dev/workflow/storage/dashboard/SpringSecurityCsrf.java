package dev.workflow.storage.dashboard;

import java.lang.reflect.InvocationTargetException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Spring Security's CSRF token of a request, when the application has Spring Security: read
 * from the request attribute its {@code CsrfFilter} sets, by reflection, so the dashboard needs
 * no Spring Security on its class path. The pages render it into meta tags and the dashboard's
 * script sends it back in the header Spring Security reads.
 */
final class SpringSecurityCsrf {

	static final String TOKEN_TYPE = "org.springframework.security.web.csrf.CsrfToken";

	// CsrfFilter sets the token under its type's name and under its parameter name (_csrf).
	private static final String[] ATTRIBUTES = { TOKEN_TYPE, "_csrf" };

	private SpringSecurityCsrf() {
	}

	/**
	 * The request's CSRF token.
	 * @param request the request
	 * @return the header to send and its value, or {@code null} without Spring Security's CSRF
	 * protection
	 */
	static @Nullable CsrfHeader of(HttpServletRequest request) {
		for (String attribute : ATTRIBUTES) {
			Object token = request.getAttribute(attribute);
			if (token != null) {
				CsrfHeader header = read(token);
				if (header != null) {
					return header;
				}
			}
		}
		return null;
	}

	// Through the public interface: the token's own class is often a private one.
	private static @Nullable CsrfHeader read(Object token) {
		try {
			Class<?> type = Class.forName(TOKEN_TYPE, false, token.getClass().getClassLoader());
			if (!type.isInstance(token)) {
				return null;
			}
			Object headerName = type.getMethod("getHeaderName").invoke(token);
			Object value = type.getMethod("getToken").invoke(token);
			return (headerName instanceof String name && value instanceof String text) ? new CsrfHeader(name, text)
					: null;
		}
		catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("Spring Security's CSRF token could not be read", ex.getTargetException());
		}
	}

	/**
	 * A CSRF token and the header that carries it.
	 *
	 * @param name the header's name, such as {@code X-CSRF-TOKEN}
	 * @param token the token
	 */
	record CsrfHeader(String name, String token) {
	}

}
