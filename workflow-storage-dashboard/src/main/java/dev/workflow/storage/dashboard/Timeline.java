package dev.workflow.storage.dashboard;

import java.util.List;
import java.util.TreeSet;

import dev.workflow.storage.model.Event;
import org.jspecify.annotations.Nullable;

/**
 * One page of a run's event timeline: the events of the chosen types, in sequence order,
 * {@value #PAGE_SIZE} from a sequence on, so that a run of ten thousand events opens as fast as
 * one of five hundred, and the links to the pages around it.
 *
 * @param events the events shown
 * @param types every event type the run has, for the filter
 * @param total how many events of the chosen types the run has
 * @param firstFrom the first page's sequence, or {@code null} when this is the first page
 * @param previousFrom the previous page's first sequence, or {@code null} on the first page
 * @param nextFrom the next page's first sequence, or {@code null} on the last page
 * @param lastFrom the last page's first sequence, or {@code null} on the last page
 * @param lastSequence the run's highest sequence of any type, -1 without events: where a live
 * update continues
 */
record Timeline(List<Event> events, List<String> types, int total, @Nullable Integer firstFrom,
		@Nullable Integer previousFrom, @Nullable Integer nextFrom, @Nullable Integer lastFrom, int lastSequence) {

	/**
	 * Events a timeline page shows.
	 */
	static final int PAGE_SIZE = 500;

	/**
	 * The page of a run's events.
	 * @param all every event of the run, in sequence order
	 * @param types the types shown, none for all
	 * @param from the lowest sequence shown, or {@code null} for the first page
	 * @return the page
	 */
	static Timeline of(List<Event> all, List<String> types, @Nullable Integer from) {
		List<Event> chosen = types.isEmpty() ? all : all.stream().filter((event) -> types.contains(event.type())).toList();
		int start = 0;
		if (from != null) {
			while (start < chosen.size() && chosen.get(start).sequence() < from) {
				start++;
			}
		}
		int end = Math.min(chosen.size(), start + PAGE_SIZE);
		boolean last = end >= chosen.size();
		return new Timeline(chosen.subList(start, end),
				List.copyOf(new TreeSet<>(all.stream().map(Event::type).toList())), chosen.size(),
				(start > 0) ? chosen.get(0).sequence() : null,
				(start > 0) ? chosen.get(Math.max(0, start - PAGE_SIZE)).sequence() : null,
				last ? null : chosen.get(end).sequence(),
				last ? null : chosen.get(Math.max(0, chosen.size() - PAGE_SIZE)).sequence(),
				all.isEmpty() ? -1 : all.get(all.size() - 1).sequence());
	}

	/**
	 * Whether this page ends the timeline, so new events belong at its end.
	 * @return {@code true} on the last page
	 */
	boolean isLastPage() {
		return this.nextFrom == null;
	}

}
