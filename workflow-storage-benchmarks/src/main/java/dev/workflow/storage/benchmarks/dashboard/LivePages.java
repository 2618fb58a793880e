package dev.workflow.storage.benchmarks.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;

/**
 * Open run pages of running runs that gain events: each page is opened once, then polls
 * {@code /run/poll} as the dashboard's script does (after the sequence it shows, again at once when
 * the answer says more wait, else after the polling interval), while a writer appends one event a
 * second to every run through the library. Over a measured window it takes the application's
 * process CPU time, the polls' server and client times, and checks that every page received its
 * run's events in order, each once.
 */
final class LivePages {

	static final String OPEN = "live: open run page";

	static final String WARM_UP = "live: poll (warm-up)";

	static final String POLL = "live: poll";

	private static final Pattern AFTER = Pattern.compile("data-after=\"(-?\\d+)\"");

	private static final Pattern LAST_SEQUENCE = Pattern.compile("\"lastSequence\":(-?\\d+)");

	private static final Pattern MORE = Pattern.compile("\"more\":(true|false)");

	private static final Pattern EVENT_SEQUENCE = Pattern.compile("[{,]\"sequence\":(\\d+)");

	private final ApplicationProcess application;

	private final WorkflowStorage storage;

	private final List<String> runIds;

	private final Duration interval;

	private volatile String pollLabel = WARM_UP;

	private volatile boolean running = true;

	private final Map<String, Integer> shown = new ConcurrentHashMap<>();

	private final AtomicInteger gaps = new AtomicInteger();

	private final AtomicLong eventsReceived = new AtomicLong();

	private final AtomicLong eventsAtOpen = new AtomicLong();

	private final AtomicLong receivedTwice = new AtomicLong();

	private final AtomicLong eventsWritten = new AtomicLong();

	private final AtomicInteger measuredPolls = new AtomicInteger();

	private final ConcurrentLinkedQueue<Long> pollClientNanos = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

	LivePages(ApplicationProcess application, WorkflowStorage storage, List<String> runIds, Duration interval) {
		this.application = application;
		this.storage = storage;
		this.runIds = runIds;
		this.interval = interval;
	}

	/**
	 * What the live pages cost.
	 *
	 * @param pages pages open
	 * @param interval the polling interval
	 * @param window the measured window, wall time
	 * @param cpu the application's CPU time in the window
	 * @param gcMillis its collectors' time in the window
	 * @param idleCores the application's CPU per wall second before the pages opened, with no request
	 * @param polls polls answered in the window
	 * @param eventsWritten events appended during the whole run (warm-up and window)
	 * @param eventsAtOpen events written before their page opened (shown by the page, not polled)
	 * @param eventsReceived distinct events the pages received through polls
	 * @param receivedTwice events a page was sent again after it had them, which the script would
	 * show twice (must be 0)
	 * @param eventsStored events the runs hold beyond their first {@value DashboardData#LIVE_RUN_EVENTS} at the end
	 * @param duplicateIds events stored under an event id another event of the run has too (must be 0)
	 * @param gaps events a page missed (must be 0)
	 * @param behind pages whose last shown sequence was not the run's latest at the end (must be 0)
	 * @param server the polls' server times in the window
	 * @param client the polls' client times in the window
	 */
	record Result(int pages, Duration interval, Duration window, Duration cpu, long gcMillis, double idleCores,
			int polls, long eventsWritten, long eventsAtOpen, long eventsReceived, long receivedTwice, long eventsStored,
			long duplicateIds, int gaps, int behind, Samples server, Samples client) {

		double cores() {
			return (double) this.cpu.toNanos() / this.window.toNanos();
		}

	}

	Result measure(Duration warmUp, Duration window) throws Exception {
		double idleCores = idleCores(Duration.ofSeconds(10));
		ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
		AtomicInteger appended = new AtomicInteger(DashboardData.LIVE_RUN_EVENTS);
		writer.scheduleAtFixedRate(() -> {
			int number = appended.getAndIncrement();
			try {
				for (String runId : this.runIds) {
					this.storage.recordEvent(DashboardData.liveEvents(runId, number, 1).get(0));
					this.eventsWritten.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				this.failures.add(ex);
			}
		}, 1, 1, TimeUnit.SECONDS);
		List<Thread> pages = new ArrayList<>();
		for (String runId : this.runIds) {
			Thread page = new Thread(() -> page(runId), "page-" + runId);
			page.start();
			pages.add(page);
		}
		Thread.sleep(warmUp.toMillis());
		this.pollLabel = POLL;
		this.application.serverNanos(POLL);
		long[] before = this.application.cpu();
		long start = System.nanoTime();
		this.pollClientNanos.clear();
		this.measuredPolls.set(0);
		Thread.sleep(window.toMillis());
		long[] after = this.application.cpu();
		long wall = System.nanoTime() - start;
		this.pollLabel = WARM_UP;
		int polls = this.measuredPolls.get();
		List<Long> client = List.copyOf(this.pollClientNanos);
		List<Long> server = this.application.serverNanos(POLL);
		writer.shutdown();
		writer.awaitTermination(30, TimeUnit.SECONDS);
		// One more interval and a poll, so that every page has the run's last events.
		Thread.sleep(this.interval.toMillis() * 2 + 1000);
		this.running = false;
		for (Thread page : pages) {
			page.join(60_000);
		}
		if (!this.failures.isEmpty()) {
			IllegalStateException failed = new IllegalStateException(this.failures.size() + " live pages failed");
			this.failures.forEach(failed::addSuppressed);
			throw failed;
		}
		int behind = 0;
		long stored = 0;
		long duplicateIds = 0;
		for (String runId : this.runIds) {
			int latest = this.storage.getLatestEvent(runId, null).orElseThrow().sequence();
			if (this.shown.get(runId) != latest) {
				behind++;
			}
			List<Event> events = this.storage.getEvents(runId);
			stored += events.size() - DashboardData.LIVE_RUN_EVENTS;
			duplicateIds += events.size() - events.stream().map(Event::eventId).distinct().count();
		}
		return new Result(this.runIds.size(), this.interval, Duration.ofNanos(wall),
				Duration.ofNanos(after[0] - before[0]), after[1] - before[1], idleCores, polls,
				this.eventsWritten.get(), this.eventsAtOpen.get(), this.eventsReceived.get(), this.receivedTwice.get(), stored, duplicateIds, this.gaps.get(), behind, new Samples(server),
				new Samples(client));
	}

	private double idleCores(Duration idle) throws InterruptedException {
		long[] before = this.application.cpu();
		long start = System.nanoTime();
		Thread.sleep(idle.toMillis());
		long[] after = this.application.cpu();
		return (double) (after[0] - before[0]) / (System.nanoTime() - start);
	}

	// One open page: the page once, then its script's polling.
	private void page(String runId) {
		try {
			String html = this.application.get(OPEN, "/workflows/run?id=" + runId).body();
			Matcher opened = AFTER.matcher(html);
			if (!opened.find()) {
				throw new IllegalStateException("The page of " + runId + " has no live timeline");
			}
			int after = Integer.parseInt(opened.group(1));
			// What the page shows: the events it opened with, then each new one appended.
			int highest = after;
			this.eventsAtOpen.addAndGet(after - (DashboardData.LIVE_RUN_EVENTS - 1));
			this.shown.put(runId, highest);
			while (this.running) {
				String label = this.pollLabel;
				ApplicationProcess.Answer answer = this.application.get(label,
						"/workflows/run/poll?id=" + runId + "&after=" + after);
				if (label.equals(POLL)) {
					this.measuredPolls.incrementAndGet();
					this.pollClientNanos.add(answer.clientNanos());
				}
				String state = answer.body();
				Matcher sequences = EVENT_SEQUENCE.matcher(state);
				while (sequences.find()) {
					int sequence = Integer.parseInt(sequences.group(1));
					if (sequence <= highest) {
						// The script appends every event it is sent: this one would show twice.
						this.receivedTwice.incrementAndGet();
						continue;
					}
					if (sequence != highest + 1) {
						this.gaps.incrementAndGet();
					}
					highest = sequence;
					this.eventsReceived.incrementAndGet();
				}
				// As the script does: the next poll asks after the sequence the answer names.
				after = Integer.parseInt(find(LAST_SEQUENCE, state));
				this.shown.put(runId, highest);
				if (!Boolean.parseBoolean(find(MORE, state))) {
					Thread.sleep(this.interval.toMillis());
				}
			}
		}
		catch (Throwable ex) {
			this.failures.add(ex);
		}
	}

	private static String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + pattern + " in " + text);
		}
		return matcher.group(1);
	}

}
