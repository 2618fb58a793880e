package dev.workflow.storage.testing;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The messages one class logs while a test runs, through logback (the tests' binding).
 */
public final class LogCapture implements AutoCloseable {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private LogCapture(Class<?> source) {
		this.logger = (Logger) LoggerFactory.getLogger(source);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/**
	 * Starts capturing.
	 * @param source the class whose logger to capture
	 * @return the capture, to close when done
	 */
	public static LogCapture of(Class<?> source) {
		return new LogCapture(source);
	}

	/**
	 * The formatted messages so far.
	 * @return the messages
	 */
	public List<String> messages() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
