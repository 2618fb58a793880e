package dev.workflow.storage.dashboard;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.StoredValue;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The schedules, newest first, filtered by status and workflow, {@value #PAGE_SIZE} a page:
 * their spec, status, next and last run and running runs, with pause and resume buttons when
 * actions are on.
 */
final class SchedulesPage {

	static final int PAGE_SIZE = 100;

	private final WorkflowStorage storage;

	private final Pages pages;

	SchedulesPage(WorkflowStorage storage, Pages pages) {
		this.storage = storage;
		this.pages = pages;
	}

	ServerResponse render(ServerRequest request) {
		ScheduleStatus status = status(Params.text(request, "status"));
		String workflow = Params.text(request, "workflow");
		Integer offsetParam = Params.integer(request, "offset", 0, Integer.MAX_VALUE - PAGE_SIZE - 1);
		int offset = (offsetParam != null) ? offsetParam : 0;
		DashboardLinks links = this.pages.links(request);
		// One more than a page tells whether a next page exists.
		List<Schedule> schedules = this.storage.listSchedules(workflow, status, PAGE_SIZE + 1, offset);
		boolean hasNext = schedules.size() > PAGE_SIZE;
		QueryString filters = new QueryString().add("status", (status != null) ? status.value() : null)
			.add("workflow", workflow);
		Map<String, Object> values = new HashMap<>();
		values.put("rows", schedules.stream().limit(PAGE_SIZE).map((schedule) -> ScheduleRow.of(schedule, links)).toList());
		values.put("statuses", Arrays.stream(ScheduleStatus.values()).map(StatusBadge::of).toList());
		values.put("status", (status != null) ? status.value() : "");
		values.put("workflow", (workflow != null) ? workflow : "");
		values.put("canChange", !this.pages.settings().readOnly());
		values.put("pauseHref", links.pauseSchedule());
		values.put("resumeHref", links.resumeSchedule());
		values.put("nextHref", hasNext ? links.schedules(filters.add("offset", offset + PAGE_SIZE).toString()) : "");
		values.put("previousHref", (offset > 0) ? links.schedules(
				new QueryString().add("status", (status != null) ? status.value() : null)
					.add("workflow", workflow)
					.add("offset", (offset > PAGE_SIZE) ? offset - PAGE_SIZE : null)
					.toString())
				: "");
		return this.pages.page(request, "schedules", "Schedules", "schedules", values);
	}

	private static @Nullable ScheduleStatus status(@Nullable String value) {
		if (value == null) {
			return null;
		}
		return StoredValue.find(ScheduleStatus.class, value.toLowerCase(Locale.ROOT))
			.orElseThrow(() -> DashboardProblem.badRequest("There is no schedule status \"" + value + "\"."));
	}

}
