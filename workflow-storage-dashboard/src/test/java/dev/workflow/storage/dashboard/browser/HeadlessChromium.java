package dev.workflow.storage.dashboard.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's Chromium driven headless through Debian's chromedriver, both named by path so that
 * Selenium Manager never runs (it would download a driver), with a profile of its own and its
 * network log kept (Chromium's performance log) so that a test can see every request a page made.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * The window's size: the screenshots' size.
	 */
	static final int WIDTH = 1280;

	static final int HEIGHT = 900;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ChromeDriver driver;

	private final Path profile;

	// Every request since the last forgetRequests(), whoever read the log in between.
	private final List<Request> requestsSeen = new ArrayList<>();

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static HeadlessChromium start() {
		Path profile;
		try {
			profile = Files.createTempDirectory("dashboard-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Background networking off: Chromium's own connections (updates, safe browsing) would
		// be refused by a closed network, and would show up in the network log as other hosts.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		return new HeadlessChromium(new ChromeDriver(service, options), profile);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	void open(String url) {
		this.driver.get(url);
	}

	String url() {
		return this.driver.getCurrentUrl();
	}

	WebElement find(String dataTest) {
		return this.driver.findElement(byTest(dataTest));
	}

	List<WebElement> all(String dataTest) {
		return this.driver.findElements(byTest(dataTest));
	}

	static By byTest(String dataTest) {
		return By.cssSelector("[data-test=\"" + dataTest + "\"]");
	}

	<T> T waitFor(ExpectedCondition<T> condition) {
		return new WebDriverWait(this.driver, WAIT).until(condition);
	}

	Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	/**
	 * Runs a script that calls back (its last argument) when done, such as a {@code fetch}.
	 * @param script the script
	 * @param arguments its arguments
	 * @return what it called back with
	 */
	Object asyncScript(String script, Object... arguments) {
		return this.driver.executeAsyncScript(script, arguments);
	}

	/**
	 * Sends a request from the page shown, as its own script would: same origin, its cookies.
	 * @param method the method
	 * @param url the URL, absolute or relative to the page
	 * @param headers the headers, as name and value after each other
	 * @param body the form-encoded body, or {@code null}
	 * @return the response's status
	 */
	long fetch(String method, String url, List<String> headers, String body) {
		return (Long) asyncScript("""
				const done = arguments[arguments.length - 1];
				const headers = {};
				for (let i = 0; i < arguments[2].length; i += 2) {
					headers[arguments[2][i]] = arguments[2][i + 1];
				}
				fetch(arguments[1], { method: arguments[0], headers: headers, body: arguments[3],
					credentials: 'same-origin', redirect: 'manual' })
					.then((response) => done(response.status), (error) => done(-1));
				""", method, url, headers, body);
	}

	/**
	 * Takes the requests and responses the browser logged since the last call.
	 * @return the network traffic, in the order it happened
	 */
	Network network() {
		List<Request> requests = new ArrayList<>();
		List<Response> responses = new ArrayList<>();
		for (LogEntry entry : this.driver.manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = JSON.readTree(entry.getMessage()).path("message");
			String method = message.path("method").asString("");
			JsonNode params = message.path("params");
			if (method.equals("Network.requestWillBeSent")) {
				requests.add(new Request(params.path("request").path("method").asString(""),
						params.path("request").path("url").asString("")));
			}
			else if (method.equals("Network.responseReceived")) {
				responses.add(new Response(params.path("response").path("url").asString(""),
						params.path("response").path("status").asInt()));
			}
		}
		this.requestsSeen.addAll(requests);
		return new Network(requests, responses);
	}

	/**
	 * Every request the browser sent since {@link #forgetRequests()}, including those that
	 * {@link #network()} already handed out.
	 * @return the requests
	 */
	List<Request> requestsSinceForgotten() {
		network();
		return List.copyOf(this.requestsSeen);
	}

	void forgetRequests() {
		network();
		this.requestsSeen.clear();
	}

	/**
	 * Makes the page's viewport exactly {@value #WIDTH} by {@value #HEIGHT} (the window's size
	 * includes what a headless window still reserves for its frame).
	 */
	void exactViewport() {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
	}

	/**
	 * Scrolls the page so that an element is at the top, below the page's sticky header.
	 * @param dataTest the element's {@code data-test}
	 */
	void scrollToTop(String dataTest) {
		script("const top = arguments[0].getBoundingClientRect().top + window.scrollY;"
				+ "window.scrollTo(0, top - document.querySelector('header.top').offsetHeight - 16);", find(dataTest));
	}

	/**
	 * Saves what the window shows.
	 * @param file the PNG to write
	 */
	void screenshot(Path file) {
		write(file, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * Saves the whole page, as tall as it is, at the window's width.
	 * @param file the PNG to write
	 */
	void fullPageScreenshot(Path file) {
		Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true));
		write(file, Base64.getDecoder().decode((String) shot.get("data")));
	}

	private static void write(Path file, byte[] png) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// A temporary profile left behind harms nothing.
			}
		}
	}

	/**
	 * A request the browser sent.
	 *
	 * @param method its HTTP method
	 * @param url its URL
	 */
	record Request(String method, String url) {

		/**
		 * Where it went: scheme, host and port, as {@code http://127.0.0.1:8080}.
		 * @return the origin, or the scheme alone for a URL without a host ({@code data:})
		 */
		String origin() {
			URI uri = URI.create(this.url);
			if (uri.getHost() == null) {
				return uri.getScheme() + ":";
			}
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
		}

		String path() {
			return URI.create(this.url).getRawPath();
		}

		/**
		 * Whether the request goes over the network; Chromium's own {@code chrome:}, {@code data:},
		 * {@code about:} and {@code blob:} URLs never leave the browser.
		 * @return {@code true} for HTTP and WebSocket requests
		 */
		boolean overTheNetwork() {
			String scheme = URI.create(this.url).getScheme();
			return !List.of("chrome", "data", "about", "blob").contains(scheme);
		}

	}

	/**
	 * A response the browser received.
	 *
	 * @param url the URL it answers
	 * @param status its status
	 */
	record Response(String url, int status) {

	}

	/**
	 * The browser's traffic over some time.
	 *
	 * @param requests the requests sent
	 * @param responses the responses received
	 */
	record Network(List<Request> requests, List<Response> responses) {

	}

}
