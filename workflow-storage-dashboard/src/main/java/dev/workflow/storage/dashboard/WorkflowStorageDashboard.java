package dev.workflow.storage.dashboard;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A run browser over a {@link WorkflowStorage}, as routes of the application's own Spring MVC
 * below {@link DashboardSettings#path()}: an overview, the runs list, a run's page, schedules
 * and streams, each rendered on the server from the storage, and when the dashboard is not
 * read-only, actions to request a run's cancellation and to pause or resume a schedule.
 *
 * <p>
 * As a {@link RouterFunction} bean it joins the application's request mapping: the
 * application's filters (Spring Security's among them), context path and forwarded-header
 * handling apply to it as to its own endpoints; its controller advice and view resolvers do
 * not, since the dashboard renders and answers everything itself.
 *
 * @since 0.3.0
 */
public final class WorkflowStorageDashboard implements RouterFunction<ServerResponse> {

	private static final Logger logger = LoggerFactory.getLogger(WorkflowStorageDashboard.class);

	// A driver's message names hosts, users and row values: it goes to the log, never to a browser.
	static final String STORAGE_DID_NOT_ANSWER = "The storage did not answer; the application's log says why.";

	private final DashboardSettings settings;

	private final RouterFunction<ServerResponse> routes;

	/**
	 * A dashboard over a storage.
	 * @param storage the storage it shows and acts on
	 * @param settings its path, read-only switch and polling interval
	 */
	public WorkflowStorageDashboard(WorkflowStorage storage, DashboardSettings settings) {
		this(storage, settings, Clock.systemUTC());
	}

	/**
	 * A dashboard over a storage, with a clock of its own (for the windows, durations and the
	 * times actions write).
	 * @param storage the storage it shows and acts on
	 * @param settings its path, read-only switch and polling interval
	 * @param clock the clock
	 */
	public WorkflowStorageDashboard(WorkflowStorage storage, DashboardSettings settings, Clock clock) {
		Objects.requireNonNull(storage, "storage");
		this.settings = Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(clock, "clock");
		DashboardAssets assets = new DashboardAssets();
		Pages pages = new Pages(settings, new DashboardTemplates(), assets);
		this.routes = routes(settings.path(), pages, assets, new OverviewPage(storage, pages, clock),
				new RunsPage(storage, pages, clock), new RunPage(storage, pages, clock),
				new RunPoll(storage, pages, clock), new RawValues(storage), new SchedulesPage(storage, pages),
				new StreamsPage(storage, pages),
				new DashboardActions(storage, new ActionGuard(settings.readOnly()), clock));
	}

	/**
	 * The settings it runs with.
	 * @return the settings
	 */
	public DashboardSettings settings() {
		return this.settings;
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		return this.routes.route(request);
	}

	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		this.routes.accept(visitor);
	}

	@Override
	public String toString() {
		return "WorkflowStorageDashboard at " + this.settings.path();
	}

	private static RouterFunction<ServerResponse> routes(String path, Pages pages, DashboardAssets assets,
			OverviewPage overview, RunsPage runs, RunPage run, RunPoll poll, RawValues raw, SchedulesPage schedules,
			StreamsPage streams, DashboardActions actions) {
		String cancel = path + "/run/cancel";
		String pause = path + "/schedule/pause";
		String resume = path + "/schedule/resume";
		return RouterFunctions.route()
			.GET(path, overview::render)
			.GET(path + "/", overview::render)
			.GET(path + "/runs", runs::render)
			.GET(path + "/runs/rows", runs::rows)
			.GET(path + "/lookup", runs::lookup)
			.GET(path + "/run", run::render)
			.GET(path + "/run/poll", poll::poll)
			.GET(path + "/raw", raw::serve)
			.GET(path + "/schedules", schedules::render)
			.GET(path + "/streams", streams::render)
			.GET(path + "/assets/{name}", assets::serve)
			.POST(cancel, actions::cancelRun)
			.POST(pause, actions::pauseSchedule)
			.POST(resume, actions::resumeSchedule)
			// Any other method on an action (a GET from a link, say) is told that only POST acts.
			.route(RequestPredicates.path(cancel).or(RequestPredicates.path(pause)).or(RequestPredicates.path(resume)),
					(request) -> Responses.onlyPost())
			.filter(new SecurityHeaders())
			.onError(Exception.class, (error, request) -> problem(pages, error, request))
			.build();
	}

	private static ServerResponse problem(Pages pages, Throwable error, ServerRequest request) {
		if (error instanceof DashboardProblem problem) {
			return pages.problem(request, problem.status(), problem.getMessage());
		}
		if (error instanceof InvalidInputException) {
			return pages.problem(request, HttpStatus.BAD_REQUEST, error.getMessage());
		}
		if (error instanceof NotFoundException) {
			return pages.problem(request, HttpStatus.NOT_FOUND, error.getMessage());
		}
		if (error instanceof StorageAccessException) {
			logger.warn("The workflow dashboard could not read the storage for {}", request.path(), error);
			return pages.problem(request, HttpStatus.SERVICE_UNAVAILABLE, STORAGE_DID_NOT_ANSWER);
		}
		logger.error("The workflow dashboard failed on {}", request.path(), error);
		return pages.problem(request, HttpStatus.INTERNAL_SERVER_ERROR,
				"The dashboard failed; the application's log says why.");
	}

}
