package dev.workflow.storage.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run's open page polls for: its status, times and cancellation flag, and the events
 * after the last sequence the page shows.
 *
 * <p>
 * Why polling, not server-sent events: the storage has no change notification (pyworkflow's
 * workers write the database directly), so a server pushing events would itself poll the
 * database for every open page. Polling from the page keeps the server stateless (no open
 * connection or thread per page, nothing for a proxy to buffer or cut), and an idle poll costs
 * three primary-key or index lookups: the run, its latest event, its cancellation flag. The
 * events themselves are read only when the latest event is newer than the page's.
 */
final class RunPoll {

	/**
	 * The most events one poll returns; the page polls again at once for the rest.
	 */
	static final int MAX_EVENTS = Timeline.PAGE_SIZE;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WorkflowStorage storage;

	private final Pages pages;

	private final Clock clock;

	RunPoll(WorkflowStorage storage, Pages pages, Clock clock) {
		this.storage = storage;
		this.pages = pages;
		this.clock = clock;
	}

	ServerResponse poll(ServerRequest request) {
		String runId = Params.requiredId(request, "id");
		List<String> types = Params.all(request, "type");
		Integer afterParam = Params.integer(request, "after", -1, Integer.MAX_VALUE);
		int after = (afterParam != null) ? afterParam : -1;
		// An earlier page of the timeline shows no new events: it polls for the status alone.
		boolean withEvents = !"0".equals(Params.text(request, "events"));
		WorkflowRun run = RunLookup.require(this.storage, runId);
		DashboardLinks links = this.pages.links(request);
		Instant now = this.clock.instant();

		List<PolledEvent> events = List.of();
		boolean more = false;
		int lastSequence = after;
		Optional<Event> latest = withEvents ? this.storage.getLatestEvent(runId, null) : Optional.empty();
		if (withEvents && latest.isPresent() && latest.get().sequence() > after) {
			List<Event> newer = this.storage.getEvents(runId, types.isEmpty() ? null : types)
				.stream()
				.filter((event) -> event.sequence() > after)
				.toList();
			more = newer.size() > MAX_EVENTS;
			List<Event> sent = newer.subList(0, Math.min(newer.size(), MAX_EVENTS));
			events = sent.stream().map((event) -> PolledEvent.of(EventRow.of(event, links))).toList();
			int highestSent = sent.isEmpty() ? after : sent.get(sent.size() - 1).sequence();
			// Past the latest event read first (other types may lie between), and past any event a
			// worker appended between the two reads and that is sent now: never sent twice.
			lastSequence = more ? highestSent : Math.max(latest.get().sequence(), highestSent);
		}
		RunHeader header = RunHeader.of(run, links, now);
		RunState state = new RunState(header.status().value(), header.status().label(), header.status().css(),
				header.ended(), header.started(), header.completed(), header.updated(), header.duration(),
				this.storage.checkCancellationFlag(runId), lastSequence, more, events);
		return Responses.json(HttpStatus.OK, JSON.writeValueAsString(state));
	}

	/**
	 * A poll's answer.
	 *
	 * @param status the run's stored status
	 * @param statusLabel its label
	 * @param statusClass the badge's classes
	 * @param ended whether the run has ended (the page stops polling)
	 * @param started when it started
	 * @param completed when it completed
	 * @param updated when it last changed
	 * @param duration how long it ran, or has run
	 * @param cancellationRequested whether its cancellation flag is set
	 * @param lastSequence the sequence to poll after next
	 * @param more whether more events wait (poll again at once)
	 * @param events the new events, in sequence order
	 */
	record RunState(String status, String statusLabel, String statusClass, boolean ended, String started,
			String completed, String updated, String duration, boolean cancellationRequested, int lastSequence,
			boolean more, List<PolledEvent> events) {
	}

	/**
	 * A new event, as the page appends it (with {@code textContent}).
	 *
	 * @param sequence its sequence
	 * @param type its type
	 * @param timestamp when it happened
	 * @param timestampIso the same in ISO-8601
	 * @param data its data, indented and cut
	 * @param json whether the data is JSON
	 * @param truncated whether the data is cut
	 * @param length the data's whole length
	 * @param rawHref where the whole data is
	 */
	record PolledEvent(int sequence, String type, String timestamp, String timestampIso, String data, boolean json,
			boolean truncated, int length, String rawHref) {

		static PolledEvent of(EventRow row) {
			return new PolledEvent(row.sequence(), row.type(), row.timestamp(), row.timestampIso(), row.data().text(),
					row.data().json(), row.data().truncated(), row.data().length(), row.data().rawHref());
		}

	}

}
