package dev.workflow.storage.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's style sheet, script and icon, served from this jar below the dashboard's own
 * path (no CDN, no WebJar, no build step). Pages link them with a content hash, so a browser
 * caches each version for a year and fetches a new one as soon as it changes.
 */
final class DashboardAssets {

	static final String LOCATION = "META-INF/workflow-storage-dashboard/assets/";

	static final String STYLE = "dashboard.css";

	static final String SCRIPT = "dashboard.js";

	static final String ICON = "icon.svg";

	private static final Map<String, String> CONTENT_TYPES = Map.of(STYLE, "text/css;charset=UTF-8", SCRIPT,
			"text/javascript;charset=UTF-8", ICON, "image/svg+xml");

	private final Map<String, Asset> assets = new LinkedHashMap<>();

	DashboardAssets() {
		for (String name : new String[] { STYLE, SCRIPT, ICON }) {
			byte[] content = read(name);
			this.assets.put(name, new Asset(CONTENT_TYPES.get(name), content, hash(content)));
		}
	}

	/**
	 * The version a page links an asset with.
	 * @param name the asset's name
	 * @return its content hash
	 */
	String version(String name) {
		return this.assets.get(name).version();
	}

	/**
	 * Serves the asset named in the path; only the dashboard's own assets, by name.
	 * @param request the request
	 * @return the asset, or 404
	 */
	ServerResponse serve(ServerRequest request) {
		Asset asset = this.assets.get(request.pathVariable("name"));
		if (asset == null) {
			throw DashboardProblem.notFound("The dashboard has no such asset.");
		}
		String etag = "\"" + asset.version() + "\"";
		boolean versioned = request.param("v").filter(asset.version()::equals).isPresent();
		return request.checkNotModified(etag)
			.orElseGet(() -> ServerResponse.status(HttpStatus.OK)
				.eTag(etag)
				.cacheControl(versioned ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
						: CacheControl.noCache())
				.build((req, response) -> {
					response.setContentType(asset.contentType());
					response.setContentLength(asset.content().length);
					response.getOutputStream().write(asset.content());
					return null;
				}));
	}

	private static byte[] read(String name) {
		try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(LOCATION + name)) {
			if (in == null) {
				throw new IllegalStateException("The dashboard's asset " + LOCATION + name + " is missing");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the dashboard's asset " + name, ex);
		}
	}

	private static String hash(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	private record Asset(String contentType, byte[] content, String version) {
	}

}
