package dev.workflow.storage.citus.pyworkflow;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The log lines of our storage code while it is open, caught with a logback list appender.
 */
final class CapturedLogs implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private CapturedLogs(Logger logger) {
		this.logger = logger;
		this.appender.start();
		logger.addAppender(this.appender);
	}

	/**
	 * Starts catching the lines of {@code dev.workflow.storage} and everything below it.
	 * @return the capture; close it to stop
	 */
	static CapturedLogs ofStorage() {
		return new CapturedLogs((Logger) LoggerFactory.getLogger("dev.workflow.storage"));
	}

	List<String> lines() {
		return this.appender.list.stream().map((event) -> event.getLevel() + " " + event.getFormattedMessage()).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
