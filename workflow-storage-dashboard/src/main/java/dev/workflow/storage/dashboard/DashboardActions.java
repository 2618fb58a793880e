package dev.workflow.storage.dashboard;

import java.time.Clock;
import java.util.Map;

import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's actions, taken only when it is not read-only and the request passes the
 * {@link ActionGuard}: request a run's cancellation (the flag pyworkflow's workers read), pause
 * and resume a schedule. Each answers JSON that the page updates itself from.
 */
final class DashboardActions {

	private static final Logger logger = LoggerFactory.getLogger(DashboardActions.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WorkflowStorage storage;

	private final ActionGuard guard;

	private final Clock clock;

	DashboardActions(WorkflowStorage storage, ActionGuard guard, Clock clock) {
		this.storage = storage;
		this.guard = guard;
		this.clock = clock;
	}

	ServerResponse cancelRun(ServerRequest request) {
		return guarded(request, () -> {
			String runId = Params.requiredId(request, "id");
			WorkflowRun run = RunLookup.require(this.storage, runId);
			if (run.status().hasEnded()) {
				return answer(HttpStatus.CONFLICT,
						Map.of("error", "The run has ended (" + run.status().value() + "): there is nothing to cancel."));
			}
			this.storage.setCancellationFlag(runId);
			return answer(HttpStatus.OK, Map.of("cancellationRequested", true));
		});
	}

	ServerResponse pauseSchedule(ServerRequest request) {
		return guarded(request, () -> changeSchedule(request, ScheduleStatus.PAUSED));
	}

	ServerResponse resumeSchedule(ServerRequest request) {
		return guarded(request, () -> changeSchedule(request, ScheduleStatus.ACTIVE));
	}

	// Pausing sets paused_at, resuming clears it; pausing a paused schedule (or resuming an
	// active one) changes nothing. Like pyworkflow's own pause, it writes the schedule back whole.
	private ServerResponse changeSchedule(ServerRequest request, ScheduleStatus target) {
		String scheduleId = Params.requiredId(request, "id");
		Schedule schedule = this.storage.getSchedule(scheduleId)
			.orElseThrow(() -> DashboardProblem.notFound("There is no schedule \u201c" + scheduleId + "\u201d."));
		if (schedule.status() == ScheduleStatus.DELETED) {
			return answer(HttpStatus.CONFLICT, Map.of("error", "The schedule is deleted."));
		}
		if (schedule.status() != target) {
			var now = this.clock.instant();
			this.storage.updateSchedule(new Schedule(schedule.scheduleId(), schedule.workflowName(), schedule.spec(),
					target, schedule.inputArgs(), schedule.inputKwargs(), schedule.overlapPolicy(),
					schedule.nextRunTime(), schedule.lastRunTime(), schedule.runningRunIds(), schedule.metadata(),
					schedule.createdAt(), now, (target == ScheduleStatus.PAUSED) ? now : null, schedule.deletedAt()));
		}
		StatusBadge badge = StatusBadge.of(target);
		return answer(HttpStatus.OK, Map.of("status", badge.value(), "statusLabel", badge.label(), "statusClass",
				badge.css()));
	}

	private ServerResponse guarded(ServerRequest request, Action action) {
		String refusal = this.guard.refusal(request);
		if (refusal != null) {
			return answer(HttpStatus.FORBIDDEN, Map.of("error", refusal));
		}
		try {
			return action.take();
		}
		catch (DashboardProblem problem) {
			return answer(problem.status(), Map.of("error", problem.getMessage()));
		}
		catch (StorageAccessException ex) {
			logger.warn("The workflow dashboard could not reach the storage for {}", request.path(), ex);
			return answer(HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", WorkflowStorageDashboard.STORAGE_DID_NOT_ANSWER));
		}
	}

	private static ServerResponse answer(HttpStatusCode status, Map<String, Object> body) {
		return Responses.json(status, JSON.writeValueAsString(body));
	}

	@FunctionalInterface
	private interface Action {

		ServerResponse take();

	}

}
