package dev.workflow.storage.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalStream;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A stream looked up by id: its row (if it has one: signals may name a stream that was never
 * created), its signals in sequence order, {@value #PAGE_SIZE} a page, and its subscriptions.
 *
 * <p>
 * Signals are numbered per stream run, so one sequence may hold several signals of a stream (one
 * per stream run, in stream run order). A page that ends inside such a group continues at the
 * same sequence, skipping the signals of it already shown.
 */
final class StreamsPage {

	static final int PAGE_SIZE = 100;

	private final WorkflowStorage storage;

	private final Pages pages;

	StreamsPage(WorkflowStorage storage, Pages pages) {
		this.storage = storage;
		this.pages = pages;
	}

	ServerResponse render(ServerRequest request) {
		String streamId = Params.id(request, "id");
		Map<String, Object> values = new HashMap<>();
		values.put("streamId", (streamId != null) ? streamId : "");
		values.put("found", false);
		if (streamId == null) {
			return this.pages.page(request, "streams", "Streams", "streams", values);
		}
		Integer fromParam = Params.integer(request, "from", 0, Integer.MAX_VALUE);
		int from = (fromParam != null) ? fromParam : 0;
		Integer skipParam = Params.integer(request, "skip", 0, WorkflowStorage.MAX_LIMIT - PAGE_SIZE);
		int skip = (skipParam != null) ? skipParam : 0;
		DashboardLinks links = this.pages.links(request);
		SignalStream stream = this.storage.getStream(streamId).orElse(null);
		List<Signal> fetched = this.storage.getSignals(streamId, from, PAGE_SIZE + skip);
		List<Signal> page = fetched.subList(Math.min(skip, fetched.size()), fetched.size());
		values.put("found", true);
		values.put("stream", (stream != null) ? new StreamView(stream.status(), Times.shown(stream.createdAt()),
				ShownValue.json(stream.metadata(), "")) : null);
		values.put("signals", page.stream().map((signal) -> SignalRow.of(signal, links)).toList());
		values.put("subscriptions", this.storage.getSubscriptionStates(streamId, null)
			.stream()
			.map((subscription) -> SubscriptionRow.of(subscription, links))
			.toList());
		values.put("nextHref", (fetched.size() == PAGE_SIZE + skip) ? next(links, streamId, from, skip, page) : "");
		values.put("firstHref", (from > 0 || skip > 0) ? links.stream(streamId) : "");
		return this.pages.page(request, "streams", "Stream " + streamId, "streams", values);
	}

	private static String next(DashboardLinks links, String streamId, int from, int skip, List<Signal> page) {
		int lastSequence = page.get(page.size() - 1).sequence();
		long atLast = page.stream().filter((signal) -> signal.sequence() == lastSequence).count();
		// A page all of one sequence, the one it started at, skips what the pages before it did too.
		int nextSkip = (int) atLast + ((lastSequence == from) ? skip : 0);
		return links.stream(streamId, lastSequence, nextSkip);
	}

	/**
	 * A stream's row.
	 *
	 * @param status its status text
	 * @param created when it was created
	 * @param metadata its metadata
	 */
	record StreamView(String status, String created, @Nullable ShownValue metadata) {
	}

}
