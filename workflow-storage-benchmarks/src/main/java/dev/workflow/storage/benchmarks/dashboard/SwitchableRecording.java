package dev.workflow.storage.benchmarks.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source: the pool itself, except while the benchmark records which
 * statements a page sends, when its connections come through test-support's
 * {@link StatementRecordingDataSource}; timed requests never pay for the recording's proxies.
 */
final class SwitchableRecording extends DelegatingDataSource {

	private final StatementRecordingDataSource recording;

	private volatile boolean recordingOn;

	SwitchableRecording(DataSource pool) {
		super(pool);
		this.recording = new StatementRecordingDataSource(pool);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.recordingOn ? this.recording.getConnection() : super.getConnection();
	}

	void start() {
		this.recording.clear();
		this.recordingOn = true;
	}

	/**
	 * Stops recording.
	 * @return the statements sent since {@link #start()}, with their parameters
	 */
	List<RecordedStatement> stop() {
		this.recordingOn = false;
		return this.recording.recordedStatements();
	}

}
