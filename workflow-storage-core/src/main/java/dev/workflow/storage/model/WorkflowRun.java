package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One execution of a workflow, as stored in {@code workflow_runs}.
 *
 * @param runId the run's id
 * @param workflowName the workflow's name
 * @param status the run's status
 * @param createdAt when the run was created
 * @param updatedAt when the run last changed
 * @param startedAt when the run started, if it has
 * @param completedAt when the run reached a terminal status, if it has
 * @param inputArgs positional arguments as JSON text written by the caller
 * @param inputKwargs keyword arguments as JSON text written by the caller
 * @param result the result as JSON text, if any
 * @param error the error text, if any
 * @param idempotencyKey a key unique among all runs, if given
 * @param maxDuration the maximum duration text (for example {@code "1h"}), if any
 * @param context the run context, a JSON object text (column {@code metadata})
 * @param recoveryAttempts how often the run was recovered after a worker loss
 * @param maxRecoveryAttempts how often the run may be recovered
 * @param recoverOnWorkerLoss whether the run is recovered after a worker loss
 * @param parentRunId the parent run of a child workflow, if any
 * @param nestingDepth how deep this run is nested below its root run (0 for a root run)
 * @param continuedFromRunId the run this one continues as new, if any
 * @param continuedToRunId the run that continues this one as new, if any
 * @since 0.1.0
 */
public record WorkflowRun(String runId, String workflowName, RunStatus status, Instant createdAt, Instant updatedAt,
		@Nullable Instant startedAt, @Nullable Instant completedAt, String inputArgs, String inputKwargs,
		@Nullable String result, @Nullable String error, @Nullable String idempotencyKey, @Nullable String maxDuration,
		String context, int recoveryAttempts, int maxRecoveryAttempts, boolean recoverOnWorkerLoss,
		@Nullable String parentRunId, int nestingDepth, @Nullable String continuedFromRunId,
		@Nullable String continuedToRunId) {

	public WorkflowRun {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		createdAt = Micros.truncate(createdAt);
		updatedAt = Micros.truncate(updatedAt);
		startedAt = Micros.truncate(startedAt);
		completedAt = Micros.truncate(completedAt);
		inputArgs = Objects.requireNonNullElse(inputArgs, "[]");
		inputKwargs = Objects.requireNonNullElse(inputKwargs, "{}");
		context = Objects.requireNonNullElse(context, "{}");
	}

	/**
	 * Starts a pending run created now, with pyworkflow's defaults for everything else.
	 * @param runId the run's id
	 * @param workflowName the workflow's name
	 * @return a builder
	 */
	public static Builder builder(String runId, String workflowName) {
		return new Builder(runId, workflowName);
	}

	/**
	 * A builder holding this run's values, to derive a changed copy.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Builds {@link WorkflowRun} values.
	 */
	public static final class Builder {

		private String runId;

		private String workflowName;

		private RunStatus status = RunStatus.PENDING;

		private Instant createdAt;

		private @Nullable Instant updatedAt;

		private @Nullable Instant startedAt;

		private @Nullable Instant completedAt;

		private String inputArgs = "[]";

		private String inputKwargs = "{}";

		private @Nullable String result;

		private @Nullable String error;

		private @Nullable String idempotencyKey;

		private @Nullable String maxDuration;

		private String context = "{}";

		private int recoveryAttempts;

		private int maxRecoveryAttempts = 3;

		private boolean recoverOnWorkerLoss = true;

		private @Nullable String parentRunId;

		private int nestingDepth;

		private @Nullable String continuedFromRunId;

		private @Nullable String continuedToRunId;

		private Builder(String runId, String workflowName) {
			this.runId = runId;
			this.workflowName = workflowName;
			this.createdAt = Instant.now();
		}

		private Builder(WorkflowRun run) {
			this.runId = run.runId;
			this.workflowName = run.workflowName;
			this.status = run.status;
			this.createdAt = run.createdAt;
			this.updatedAt = run.updatedAt;
			this.startedAt = run.startedAt;
			this.completedAt = run.completedAt;
			this.inputArgs = run.inputArgs;
			this.inputKwargs = run.inputKwargs;
			this.result = run.result;
			this.error = run.error;
			this.idempotencyKey = run.idempotencyKey;
			this.maxDuration = run.maxDuration;
			this.context = run.context;
			this.recoveryAttempts = run.recoveryAttempts;
			this.maxRecoveryAttempts = run.maxRecoveryAttempts;
			this.recoverOnWorkerLoss = run.recoverOnWorkerLoss;
			this.parentRunId = run.parentRunId;
			this.nestingDepth = run.nestingDepth;
			this.continuedFromRunId = run.continuedFromRunId;
			this.continuedToRunId = run.continuedToRunId;
		}

		public Builder runId(String runId) {
			this.runId = runId;
			return this;
		}

		public Builder workflowName(String workflowName) {
			this.workflowName = workflowName;
			return this;
		}

		public Builder status(RunStatus status) {
			this.status = status;
			return this;
		}

		public Builder createdAt(Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		/**
		 * Sets when the run last changed; defaults to its creation time.
		 * @param updatedAt the time
		 * @return this builder
		 */
		public Builder updatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		public Builder startedAt(@Nullable Instant startedAt) {
			this.startedAt = startedAt;
			return this;
		}

		public Builder completedAt(@Nullable Instant completedAt) {
			this.completedAt = completedAt;
			return this;
		}

		public Builder inputArgs(String inputArgs) {
			this.inputArgs = inputArgs;
			return this;
		}

		public Builder inputKwargs(String inputKwargs) {
			this.inputKwargs = inputKwargs;
			return this;
		}

		public Builder result(@Nullable String result) {
			this.result = result;
			return this;
		}

		public Builder error(@Nullable String error) {
			this.error = error;
			return this;
		}

		public Builder idempotencyKey(@Nullable String idempotencyKey) {
			this.idempotencyKey = idempotencyKey;
			return this;
		}

		public Builder maxDuration(@Nullable String maxDuration) {
			this.maxDuration = maxDuration;
			return this;
		}

		public Builder context(String context) {
			this.context = context;
			return this;
		}

		public Builder recoveryAttempts(int recoveryAttempts) {
			this.recoveryAttempts = recoveryAttempts;
			return this;
		}

		public Builder maxRecoveryAttempts(int maxRecoveryAttempts) {
			this.maxRecoveryAttempts = maxRecoveryAttempts;
			return this;
		}

		public Builder recoverOnWorkerLoss(boolean recoverOnWorkerLoss) {
			this.recoverOnWorkerLoss = recoverOnWorkerLoss;
			return this;
		}

		public Builder parentRunId(@Nullable String parentRunId) {
			this.parentRunId = parentRunId;
			return this;
		}

		public Builder nestingDepth(int nestingDepth) {
			this.nestingDepth = nestingDepth;
			return this;
		}

		public Builder continuedFromRunId(@Nullable String continuedFromRunId) {
			this.continuedFromRunId = continuedFromRunId;
			return this;
		}

		public Builder continuedToRunId(@Nullable String continuedToRunId) {
			this.continuedToRunId = continuedToRunId;
			return this;
		}

		public WorkflowRun build() {
			return new WorkflowRun(this.runId, this.workflowName, this.status, this.createdAt,
					(this.updatedAt != null) ? this.updatedAt : this.createdAt, this.startedAt, this.completedAt,
					this.inputArgs, this.inputKwargs, this.result, this.error, this.idempotencyKey, this.maxDuration,
					this.context, this.recoveryAttempts, this.maxRecoveryAttempts, this.recoverOnWorkerLoss,
					this.parentRunId, this.nestingDepth, this.continuedFromRunId, this.continuedToRunId);
		}

	}

}
