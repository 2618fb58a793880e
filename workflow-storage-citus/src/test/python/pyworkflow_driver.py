#!/usr/bin/env python3
"""Drives pyworkflow's own storage backends for the Java pyworkflow compatibility suite.

Usage: pyworkflow_driver.py COMMAND < arguments.json

The arguments are one JSON object on stdin; the result is one JSON object on stdout; a failure
prints its traceback on stderr and exits non-zero. PYWORKFLOW_HOME names the folder holding the
unpacked `pyworkflow` package of one pyworkflow version (2aed3e2 or 45fbe4c). Every command but
probe and migrations takes "dsn" and "backend" ("postgres" or "citus").

Commands:
  probe           imports pyworkflow's storage modules; needs no database
  migrations      the schema versions pyworkflow's migration runner knows, with its descriptions
  init            connect() once, so pyworkflow creates or migrates its schema; reports the
                  schema_versions rows, and with "report_failure" how connect() failed instead of
                  failing; "create_stream_subscriptions_first" creates that table before (the
                  workaround 45fbe4c needs on an empty PostgreSQL database)
  write-fixture   writes the full fixture through pyworkflow's API and describes what it wrote
  verify-fixture  reads a fixture description ("expected") through pyworkflow's API, lists mismatches
  write-streams   (45fbe4c) writes the stream fixture: streams, signals, subscriptions, scheduled
                  signals, acknowledgments, checkpoints and a run's events of the types 45fbe4c
                  added; describes what it wrote and what its API answers to queries
  verify-streams  (45fbe4c) reads a stream fixture description through pyworkflow's API and asks
                  it the description's queries, lists mismatches
  list-runs       pages through list_runs ("page_size", optional "status") and describes them
  apply           runs single storage operations ("ops") and reports each outcome
  append          several asyncio tasks, each on its own connection, call record_event at once,
                  and report how long the appends took ("elapsed_seconds")
  publish         (45fbe4c) several asyncio tasks, each on its own connection, call publish_signal
                  on one stream run at once, and report the sequences they got and the failures
  delete-old-runs (45fbe4c) delete_old_runs("older_than") at "start_at", and what it returned or raised

Timestamps are ISO 8601 in UTC with microseconds. JSON-valued fields (run context, event data,
hook metadata, signal payloads...) are JSON values, the text fields (input_args, result, payload
of hooks...) the stored text.
"""

import asyncio
import importlib
import json
import os
import sys
import time
import traceback
import types
from datetime import UTC, datetime, timedelta


def load_pyworkflow():
    # why: pyworkflow's package __init__ files import celery, pydantic...; the storage modules
    # need only asyncpg (and loguru, from 45fbe4c on), so the packages are registered empty and
    # their modules imported from the unpacked folders. 45fbe4c's postgres.py also imports
    # pyworkflow.storage.migrations (a package whose __init__ imports only its base) and
    # pyworkflow.storage.base, which the empty package's __path__ finds.
    home = os.environ["PYWORKFLOW_HOME"]
    for name in ("pyworkflow", "pyworkflow.storage", "pyworkflow.engine"):
        package = types.ModuleType(name)
        package.__path__ = [os.path.join(home, *name.split("."))]
        sys.modules[name] = package
    modules = {}
    for name in ("schemas", "postgres", "citus"):
        modules[name] = importlib.import_module("pyworkflow.storage." + name)
    modules["events"] = importlib.import_module("pyworkflow.engine.events")
    return modules


PW = load_pyworkflow()
schemas = PW["schemas"]
events_module = PW["events"]
Event = events_module.Event
EventType = events_module.EventType
RunStatus = schemas.RunStatus
StepStatus = schemas.StepStatus
HookStatus = schemas.HookStatus
ScheduleStatus = schemas.ScheduleStatus
OverlapPolicy = schemas.OverlapPolicy


# ---------------------------------------------------------------------------------------------
# Conversions


def iso(value):
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text):
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


def new_storage(args, **options):
    backends = {"postgres": PW["postgres"].PostgresStorageBackend, "citus": PW["citus"].CitusStorageBackend}
    return backends[args["backend"]](dsn=args["dsn"], **options)


def describe_run(run):
    return {
        "run_id": run.run_id,
        "workflow_name": run.workflow_name,
        "status": run.status.value,
        "created_at": iso(run.created_at),
        "updated_at": iso(run.updated_at),
        "started_at": iso(run.started_at),
        "completed_at": iso(run.completed_at),
        "input_args": run.input_args,
        "input_kwargs": run.input_kwargs,
        "result": run.result,
        "error": run.error,
        "idempotency_key": run.idempotency_key,
        "max_duration": run.max_duration,
        "context": run.context,
        "recovery_attempts": run.recovery_attempts,
        "max_recovery_attempts": run.max_recovery_attempts,
        "recover_on_worker_loss": run.recover_on_worker_loss,
        "parent_run_id": run.parent_run_id,
        "nesting_depth": run.nesting_depth,
        "continued_from_run_id": run.continued_from_run_id,
        "continued_to_run_id": run.continued_to_run_id,
    }


def describe_event(event):
    return {
        "event_id": event.event_id,
        "run_id": event.run_id,
        "sequence": event.sequence,
        "type": event.type.value,
        "timestamp": iso(event.timestamp),
        "data": event.data,
    }


def describe_step(step):
    return {
        "step_id": step.step_id,
        "run_id": step.run_id,
        "step_name": step.step_name,
        "status": step.status.value,
        "created_at": iso(step.created_at),
        "started_at": iso(step.started_at),
        "completed_at": iso(step.completed_at),
        "input_args": step.input_args,
        "input_kwargs": step.input_kwargs,
        "result": step.result,
        "error": step.error,
        "attempt": step.attempt,
    }


def describe_hook(hook):
    return {
        "hook_id": hook.hook_id,
        "run_id": hook.run_id,
        "token": hook.token,
        "created_at": iso(hook.created_at),
        "received_at": iso(hook.received_at),
        "expires_at": iso(hook.expires_at),
        "status": hook.status.value,
        "payload": hook.payload,
        "metadata": hook.metadata,
    }


def describe_spec(spec):
    return {
        "cron": spec.cron,
        "interval": spec.interval,
        "calendar": [entry.to_dict() for entry in spec.calendar] if spec.calendar else None,
        "timezone": spec.timezone,
        "start_at": iso(spec.start_at),
        "end_at": iso(spec.end_at),
        "jitter": spec.jitter,
    }


def describe_schedule(schedule):
    # metadata, paused_at and deleted_at are columns pyworkflow's Schedule does not carry.
    return {
        "schedule_id": schedule.schedule_id,
        "workflow_name": schedule.workflow_name,
        "spec": describe_spec(schedule.spec),
        "status": schedule.status.value,
        "input_args": schedule.args,
        "input_kwargs": schedule.kwargs,
        "overlap_policy": schedule.overlap_policy.value,
        "next_run_time": iso(schedule.next_run_time),
        "last_run_time": iso(schedule.last_run_at),
        "running_run_ids": schedule.running_run_ids,
        "created_at": iso(schedule.created_at),
        "updated_at": iso(schedule.updated_at),
    }


def run_from(values):
    return schemas.WorkflowRun(
        run_id=values["run_id"],
        workflow_name=values.get("workflow_name", "compat"),
        status=RunStatus(values.get("status", "pending")),
        created_at=parse_time(values["created_at"]) if "created_at" in values else datetime.now(UTC),
        updated_at=parse_time(values.get("updated_at") or values.get("created_at")) or datetime.now(UTC),
        started_at=parse_time(values.get("started_at")),
        completed_at=parse_time(values.get("completed_at")),
        input_args=values.get("input_args", "[]"),
        input_kwargs=values.get("input_kwargs", "{}"),
        result=values.get("result"),
        error=values.get("error"),
        idempotency_key=values.get("idempotency_key"),
        max_duration=values.get("max_duration"),
        context=values.get("context", {}),
        recovery_attempts=values.get("recovery_attempts", 0),
        max_recovery_attempts=values.get("max_recovery_attempts", 3),
        recover_on_worker_loss=values.get("recover_on_worker_loss", True),
        parent_run_id=values.get("parent_run_id"),
        nesting_depth=values.get("nesting_depth", 0),
        continued_from_run_id=values.get("continued_from_run_id"),
        continued_to_run_id=values.get("continued_to_run_id"),
    )


def event_from(values):
    # "data_json" carries data as JSON text, for values JSON cannot carry as a Java string can
    # (a lone surrogate); pyworkflow then writes it with its own json.dumps.
    data = json.loads(values["data_json"]) if "data_json" in values else values.get("data", {})
    return Event(
        event_id=values["event_id"],
        run_id=values["run_id"],
        type=EventType(values["type"]),
        timestamp=parse_time(values["timestamp"]) if "timestamp" in values else datetime.now(UTC),
        data=data,
    )


def hook_from(values):
    return schemas.Hook(
        hook_id=values["hook_id"],
        run_id=values["run_id"],
        token=values["token"],
        status=HookStatus(values.get("status", "pending")),
        created_at=parse_time(values["created_at"]) if "created_at" in values else datetime.now(UTC),
        received_at=parse_time(values.get("received_at")),
        expires_at=parse_time(values.get("expires_at")),
        payload=values.get("payload"),
        metadata=values.get("metadata", {}),
    )


# ---------------------------------------------------------------------------------------------
# migrations and init


async def migrations(args):
    registry = importlib.import_module("pyworkflow.storage.migrations.base").get_global_registry()
    return {"migrations": [{"version": m.version, "description": m.description} for m in registry.get_all()]}


# What a team on PostgreSQL runs before starting 45fbe4c's workers on an empty database (or one
# at schema version 2): its migrations run before its CREATE TABLE statements, and migration 5
# alters this table. The columns are those before its migrations 5 to 7, which add the rest.
STREAM_SUBSCRIPTIONS_FIRST = """
    CREATE TABLE IF NOT EXISTS stream_subscriptions (
        stream_id TEXT NOT NULL,
        step_run_id TEXT NOT NULL,
        signal_types JSONB NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'waiting',
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        PRIMARY KEY (stream_id, step_run_id)
    )
"""


async def init(args):
    import asyncpg

    if args.get("create_stream_subscriptions_first"):
        conn = await asyncpg.connect(args["dsn"])
        try:
            await conn.execute(STREAM_SUBSCRIPTIONS_FIRST)
        finally:
            await conn.close()
    storage = new_storage(args)
    failure = None
    try:
        await storage.connect()
    except Exception as ex:  # noqa: BLE001 - reported when asked to, else raised
        if not args.get("report_failure"):
            raise
        failure = {"error": type(ex).__name__, "message": str(ex)}
    finally:
        await storage.disconnect()
    conn = await asyncpg.connect(args["dsn"])
    try:
        rows = await conn.fetch("SELECT version, description FROM schema_versions ORDER BY version")
    finally:
        await conn.close()
    return {"schema_versions": [{"version": row["version"], "description": row["description"]} for row in rows],
            "failure": failure}


# ---------------------------------------------------------------------------------------------
# write-fixture


async def write_fixture(args):
    storage = new_storage(args)
    await storage.connect()
    try:
        return await FixtureWriter(storage, args["prefix"], parse_time(args["base_time"])).write()
    finally:
        await storage.disconnect()


class FixtureWriter:
    """The fixture: every status, field and relation of runs, events, steps, hooks, flags and
    schedules, written the way pyworkflow's engine calls its storage."""

    def __init__(self, storage, prefix, base):
        self.storage = storage
        self.p = prefix
        self.base = base

    def t(self, seconds):
        return self.base + timedelta(seconds=seconds)

    def id(self, name):
        return f"{self.p}-{name}"

    async def write(self):
        runs = await self.write_runs()
        events = await self.write_events()
        steps = await self.write_steps()
        hooks = await self.write_hooks()
        flags = await self.write_cancellation_flags()
        schedules = await self.write_schedules()
        return await self.describe(runs, events, steps, hooks, flags, schedules)

    async def write_runs(self):
        WorkflowRun = schemas.WorkflowRun
        i, t = self.id, self.t
        runs = [
            WorkflowRun(run_id=i("parent"), workflow_name="order_flow", status=RunStatus.RUNNING, created_at=t(0),
                        updated_at=t(1), started_at=t(2), input_args='["order-1", 42]',
                        input_kwargs='{"priority": "high", "tags": ["a", "b"]}', idempotency_key=i("key-parent"),
                        max_duration="1h", context={"region": "eu", "nested": {"n": 1}}, recovery_attempts=1,
                        max_recovery_attempts=5, recover_on_worker_loss=False),
            WorkflowRun(run_id=i("child-1"), workflow_name="charge_card", status=RunStatus.PENDING, created_at=t(3),
                        updated_at=t(3), input_args='["card"]', parent_run_id=i("parent"), nesting_depth=1),
            WorkflowRun(run_id=i("child-2"), workflow_name="ship", status=RunStatus.FAILED, created_at=t(4),
                        updated_at=t(5), started_at=t(4.5), completed_at=t(5), error="ValueError: boom",
                        parent_run_id=i("parent"), nesting_depth=1),
            WorkflowRun(run_id=i("grandchild"), workflow_name="notify", status=RunStatus.SUSPENDED, created_at=t(6),
                        updated_at=t(6), parent_run_id=i("child-1"), nesting_depth=2),
            WorkflowRun(run_id=i("chain-0"), workflow_name="poller", status=RunStatus.CONTINUED_AS_NEW,
                        created_at=t(7), updated_at=t(7), completed_at=t(7.5)),
            WorkflowRun(run_id=i("chain-1"), workflow_name="poller", status=RunStatus.CONTINUED_AS_NEW,
                        created_at=t(8), updated_at=t(8), continued_from_run_id=i("chain-0")),
            WorkflowRun(run_id=i("chain-2"), workflow_name="poller", status=RunStatus.RUNNING, created_at=t(9),
                        updated_at=t(9), continued_from_run_id=i("chain-1")),
            WorkflowRun(run_id=i("interrupted"), workflow_name="import", status=RunStatus.INTERRUPTED,
                        created_at=t(10), updated_at=t(10), started_at=t(10), recovery_attempts=3,
                        max_recovery_attempts=3),
            WorkflowRun(run_id=i("cancelled"), workflow_name="import", status=RunStatus.RUNNING, created_at=t(11),
                        updated_at=t(11)),
            WorkflowRun(run_id=i("pending"), workflow_name="report", status=RunStatus.PENDING, created_at=t(12),
                        updated_at=t(12), idempotency_key=i("key-pending"),
                        input_kwargs='{"unicode": "\\u00fcn\\u00efc\\u00f8d\\u00e9 \u2713 \u65e5\u672c"}',
                        max_duration="30m"),
        ]
        for run in runs:
            await self.storage.create_run(run)
        await self.storage.update_run_recovery_attempts(i("parent"), 2)
        await self.storage.update_run_context(i("parent"), {"region": "eu", "nested": {"n": 2},
                                                            "list": [1, 2.5, None, True]})
        await self.storage.update_run_status(i("child-1"), RunStatus.COMPLETED, result='{"charged": true}')
        await self.storage.update_run_continuation(i("chain-0"), i("chain-1"))
        await self.storage.update_run_continuation(i("chain-1"), i("chain-2"))
        claimed = await self.storage.try_claim_run(i("chain-2"), RunStatus.RUNNING, RunStatus.COMPLETED)
        assert claimed, "try_claim_run did not claim chain-2"
        await self.storage.update_run_status(i("cancelled"), RunStatus.CANCELLED, error="cancelled by user")
        return [run.run_id for run in runs]

    async def write_events(self):
        i, t = self.id, self.t
        parent, child = i("parent"), i("child-1")
        events = [
            (parent, "workflow.started", 20, {"workflow_name": "order_flow", "args": ["order-1", 42],
                                               "kwargs": {"priority": "high"}, "metadata": {}}),
            (parent, "step.started", 21, {"step_id": i("step-1"), "step_name": "charge", "attempt": 1}),
            (parent, "step.completed", 22, {"step_id": i("step-1"), "step_name": "charge",
                                             "result": {"charged": 12.5, "items": [1, 2.5, None, True, "\u00fc"]}}),
            (parent, "hook.created", 23, {"hook_id": i("hook-1"), "token": f"{parent}:{i('hook-1')}"}),
            (parent, "sleep.started", 24, {"sleep_id": "sleep-1", "duration_seconds": 30,
                                            "resume_at": iso(t(54))}),
            (parent, "workflow.suspended", 25, {"reason": "hook", "hook_id": i("hook-1"), "step_id": None}),
            (child, "workflow.started", 26, {"workflow_name": "charge_card", "args": ["card"], "kwargs": {}}),
            (child, "workflow.completed", 27, {"result": '{"charged": true}', "workflow_name": "charge_card"}),
            (i("chain-0"), "workflow.continued_as_new", 28, {"new_run_id": i("chain-1"), "args": "[]",
                                                              "kwargs": "{}", "reason": None}),
        ]
        ids = []
        for number, (run_id, type_, seconds, data) in enumerate(events, start=1):
            event_id = i(f"evt-{number}")
            await self.storage.record_event(Event(event_id=event_id, run_id=run_id, type=EventType(type_),
                                                  timestamp=t(seconds), data=data))
            ids.append(event_id)
        return ids

    async def write_steps(self):
        StepExecution = schemas.StepExecution
        i, t = self.id, self.t
        steps = [
            StepExecution(step_id=i("step-1"), run_id=i("parent"), step_name="charge", status=StepStatus.COMPLETED,
                          created_at=t(30), started_at=t(31), completed_at=t(32), input_args="[12.5]",
                          input_kwargs='{"currency": "EUR"}', result='{"charged": 12.5}', attempt=1),
            StepExecution(step_id=i("step-2"), run_id=i("parent"), step_name="reserve", status=StepStatus.FAILED,
                          created_at=t(33), started_at=t(34), completed_at=t(35), error="TimeoutError: 30s",
                          attempt=3),
            StepExecution(step_id=i("step-3"), run_id=i("parent"), step_name="email", status=StepStatus.PENDING,
                          created_at=t(36)),
            StepExecution(step_id=i("step-4"), run_id=i("child-1"), step_name="retry_me",
                          status=StepStatus.RETRYING, created_at=t(37), started_at=t(37.5),
                          error="ConnectionError", attempt=2),
            StepExecution(step_id=i("step-5"), run_id=i("child-1"), step_name="cancel_me",
                          status=StepStatus.CANCELLED, created_at=t(38)),
            StepExecution(step_id=i("step-6"), run_id=i("child-2"), step_name="busy", status=StepStatus.RUNNING,
                          created_at=t(39), started_at=t(39), input_args='["x"]'),
        ]
        for step in steps:
            await self.storage.create_step(step)
        await self.storage.update_step_status(i("step-3"), "running")
        await self.storage.update_step_status(i("step-3"), "completed", result='"sent"')
        return [step.step_id for step in steps]

    async def write_hooks(self):
        Hook = schemas.Hook
        i, t = self.id, self.t
        parent, child, grandchild = i("parent"), i("child-1"), i("grandchild")
        hooks = [
            Hook(hook_id=i("hook-1"), run_id=parent, token=f"{parent}:{i('hook-1')}", created_at=t(40),
                 expires_at=t(3640), metadata={"source": "stripe", "n": 1}),
            Hook(hook_id=i("hook-2"), run_id=parent, token=f"{parent}:{i('hook-2')}", created_at=t(41),
                 expires_at=t(42), status=HookStatus.EXPIRED),
            Hook(hook_id=i("hook-1"), run_id=child, token=f"{child}:{i('hook-1')}", created_at=t(43)),
            Hook(hook_id=i("hook-3"), run_id=grandchild, token=f"{grandchild}:{i('hook-3')}", created_at=t(44)),
        ]
        for hook in hooks:
            await self.storage.create_hook(hook)
        await self.storage.update_hook_status(i("hook-1"), HookStatus.RECEIVED, payload='{"amount": 10}',
                                              run_id=parent)
        await self.storage.update_hook_status(i("hook-1"), HookStatus.DISPOSED, run_id=child)
        await self.storage.update_hook_status(i("hook-3"), HookStatus.DISPOSED)
        return [(hook.run_id, hook.hook_id) for hook in hooks]

    async def write_cancellation_flags(self):
        i = self.id
        await self.storage.set_cancellation_flag(i("cancelled"))
        await self.storage.set_cancellation_flag(i("parent"))
        await self.storage.clear_cancellation_flag(i("parent"))
        return {i("cancelled"): True, i("parent"): False, i("pending"): False}

    async def write_schedules(self):
        Schedule, ScheduleSpec, CalendarSpec = schemas.Schedule, schemas.ScheduleSpec, schemas.CalendarSpec
        i, t = self.id, self.t
        schedules = [
            Schedule(schedule_id=i("sched-cron"), workflow_name="order_flow",
                     spec=ScheduleSpec(cron="0 9 * * 1-5", timezone="Europe/Berlin", start_at=t(0),
                                       end_at=t(86400 * 30), jitter="30s"),
                     args='["x"]', kwargs='{"y": 2}', overlap_policy=OverlapPolicy.BUFFER_ONE, created_at=t(50),
                     updated_at=t(50), last_run_at=t(-3600), next_run_time=t(3600)),
            Schedule(schedule_id=i("sched-interval"), workflow_name="poller", spec=ScheduleSpec(interval="5m"),
                     overlap_policy=OverlapPolicy.ALLOW_ALL, created_at=t(51), updated_at=t(51),
                     next_run_time=t(351)),
            Schedule(schedule_id=i("sched-calendar"), workflow_name="report",
                     spec=ScheduleSpec(calendar=[CalendarSpec(second=0, minute=30, hour=8, day_of_month=1),
                                                 CalendarSpec(second=15, minute=0, hour=17, month=12,
                                                              day_of_week=4)],
                                       timezone="America/New_York"),
                     overlap_policy=OverlapPolicy.CANCEL_OTHER, created_at=t(52), updated_at=t(52)),
            Schedule(schedule_id=i("sched-skip"), workflow_name="import", spec=ScheduleSpec(interval="1h"),
                     overlap_policy=OverlapPolicy.SKIP, created_at=t(53), updated_at=t(53)),
            Schedule(schedule_id=i("sched-buffer-all"), workflow_name="import",
                     spec=ScheduleSpec(cron="*/15 * * * *"), overlap_policy=OverlapPolicy.BUFFER_ALL,
                     created_at=t(54), updated_at=t(54), next_run_time=t(900)),
        ]
        for schedule in schedules:
            await self.storage.create_schedule(schedule)
        cron = i("sched-cron")
        for run_id in (i("parent"), i("child-1"), i("parent"), i("chain-2")):
            await self.storage.add_running_run(cron, run_id)
        await self.storage.remove_running_run(cron, i("child-1"))
        paused = await self.storage.get_schedule(i("sched-interval"))
        paused.status = ScheduleStatus.PAUSED
        paused.updated_at = datetime.now(UTC)
        await self.storage.update_schedule(paused)
        await self.storage.delete_schedule(i("sched-calendar"))
        return [schedule.schedule_id for schedule in schedules]

    async def describe(self, run_ids, event_ids, step_ids, hook_keys, flags, schedule_ids):
        """What was written, read back through pyworkflow's own API (timestamps set by its
        updates included), plus the schedule columns its Schedule class leaves out."""
        s, i = self.storage, self.id
        runs = [describe_run(await s.get_run(run_id)) for run_id in run_ids]
        events = []
        for run_id in dict.fromkeys(run["run_id"] for run in runs):
            events.extend(describe_event(event) for event in await s.get_events(run_id))
        assert sorted(event["event_id"] for event in events) == sorted(event_ids), "events read back differ"
        steps = [describe_step(await s.get_step(step_id)) for step_id in step_ids]
        hooks = [describe_hook(await s.get_hook(hook_id, run_id)) for run_id, hook_id in hook_keys]
        schedules = []
        for schedule_id in schedule_ids:
            described = describe_schedule(await s.get_schedule(schedule_id))
            async with s._pool.acquire() as conn:
                row = await conn.fetchrow(
                    "SELECT metadata, paused_at, deleted_at FROM schedules WHERE schedule_id = $1", schedule_id)
            described["metadata"] = json.loads(row["metadata"]) if row["metadata"] else {}
            described["paused_at"] = iso(row["paused_at"])
            described["deleted_at"] = iso(row["deleted_at"])
            schedules.append(described)
        parent, child = i("parent"), i("child-1")
        step_1 = i("step-1")
        return {
            "runs": runs,
            "events": events,
            "steps": steps,
            "hooks": hooks,
            "cancellation_flags": flags,
            "schedules": schedules,
            "chains": [[i("chain-0"), i("chain-1"), i("chain-2")]],
            "children": {parent: [child, i("child-2")], child: [i("grandchild")]},
            "has_event": [
                {"run_id": parent, "type": "step.completed", "filters": {"step_id": step_1}, "expected": True},
                {"run_id": parent, "type": "step.completed", "filters": {"step_id": i("step-2")}, "expected": False},
                {"run_id": parent, "type": "step.started", "filters": {"step_id": step_1, "step_name": "charge"},
                 "expected": True},
                {"run_id": parent, "type": "step.started", "filters": {"step_id": step_1, "step_name": "other"},
                 "expected": False},
                {"run_id": parent, "type": "sleep.started", "filters": {"sleep_id": "sleep-1"}, "expected": True},
                {"run_id": parent, "type": "sleep.started", "filters": {"duration_seconds": "30"}, "expected": True},
                {"run_id": parent, "type": "sleep.started", "filters": {"sleep_id": "nope"}, "expected": False},
                {"run_id": child, "type": "step.completed", "filters": {"step_id": step_1}, "expected": False},
            ],
            "latest_events": [
                {"run_id": parent, "type": None, "event_id": i("evt-6")},
                {"run_id": parent, "type": "step.started", "event_id": i("evt-2")},
                {"run_id": child, "type": None, "event_id": i("evt-8")},
                {"run_id": i("grandchild"), "type": None, "event_id": None},
            ],
        }


# ---------------------------------------------------------------------------------------------
# verify-fixture


async def verify_fixture(args):
    storage = new_storage(args)
    await storage.connect()
    try:
        verifier = FixtureVerifier(storage)
        await verifier.verify(args["expected"])
        return {"mismatches": verifier.mismatches}
    finally:
        await storage.disconnect()


TIMESTAMP_FIELDS = {"created_at", "updated_at", "started_at", "completed_at", "received_at", "expires_at",
                    "timestamp", "next_run_time", "last_run_time", "start_at", "end_at"}


def same(field, expected, actual):
    if field in TIMESTAMP_FIELDS:
        return parse_time(expected) == parse_time(actual)
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(same(k, expected[k], actual[k]) for k in expected)
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(same(field, e, a) for e, a in zip(expected, actual))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return expected == actual


class FixtureVerifier:
    """Reads every entity of a fixture description through pyworkflow's API and records each
    field that differs."""

    def __init__(self, storage):
        self.storage = storage
        self.mismatches = []

    def mismatch(self, what, expected, actual):
        self.mismatches.append({"what": what, "expected": expected, "actual": actual})

    def compare(self, label, expected, actual, ignore=()):
        if actual is None:
            self.mismatch(label, "present", None)
            return
        for field, value in expected.items():
            if field in ignore:
                continue
            if field not in actual:
                self.mismatch(f"{label}.{field}", value, "<not read by pyworkflow>")
            elif not same(field, value, actual[field]):
                self.mismatch(f"{label}.{field}", value, actual[field])

    def check(self, what, expected, actual):
        if not same(what, expected, actual):
            self.mismatch(what, expected, actual)

    async def guarded(self, what, call):
        try:
            return await call
        except Exception as ex:  # noqa: BLE001 - every failure is a mismatch to report
            self.mismatch(what, "no error", f"{type(ex).__name__}: {ex}")
            return None

    async def verify(self, expected):
        s = self.storage
        runs = {run["run_id"]: run for run in expected["runs"]}
        for run_id, run in runs.items():
            actual = await self.guarded(f"get_run({run_id})", s.get_run(run_id))
            self.compare(f"run {run_id}", run, describe_run(actual) if actual else None)
            context = await self.guarded(f"get_run_context({run_id})", s.get_run_context(run_id))
            self.check(f"get_run_context({run_id})", run["context"], context)
            depth = await self.guarded(f"get_nesting_depth({run_id})", s.get_nesting_depth(run_id))
            self.check(f"get_nesting_depth({run_id})", run["nesting_depth"], depth)
            parent = await self.guarded(f"get_parent({run_id})", s.get_parent(run_id))
            self.check(f"get_parent({run_id})", run["parent_run_id"], parent.run_id if parent else None)
            if run["idempotency_key"]:
                by_key = await self.guarded(f"get_run_by_idempotency_key({run['idempotency_key']})",
                                            s.get_run_by_idempotency_key(run["idempotency_key"]))
                self.check(f"get_run_by_idempotency_key({run['idempotency_key']})", run_id,
                           by_key.run_id if by_key else None)
        listed, _ = await s.list_runs(limit=10000)
        missing = sorted(set(runs) - {run.run_id for run in listed})
        self.check("list_runs missing", [], missing)
        await self.verify_events(expected, runs)
        await self.verify_steps(expected)
        await self.verify_hooks(expected)
        for run_id, flagged in expected["cancellation_flags"].items():
            self.check(f"check_cancellation_flag({run_id})", flagged, await s.check_cancellation_flag(run_id))
        await self.verify_schedules(expected)
        for chain in expected["chains"]:
            for run_id in chain:
                actual = await self.guarded(f"get_workflow_chain({run_id})", s.get_workflow_chain(run_id))
                self.check(f"get_workflow_chain({run_id})", chain, [run.run_id for run in actual or []])
        for parent_id, children in expected["children"].items():
            actual = await self.guarded(f"get_children({parent_id})", s.get_children(parent_id))
            self.check(f"get_children({parent_id})", children, [run.run_id for run in actual or []])

    async def verify_events(self, expected, runs):
        s = self.storage
        by_run = {}
        for event in expected["events"]:
            by_run.setdefault(event["run_id"], []).append(event)
        for run_id in runs:
            wanted = sorted(by_run.get(run_id, []), key=lambda event: event["sequence"])
            actual = await self.guarded(f"get_events({run_id})", s.get_events(run_id))
            if actual is None:
                continue
            actual = [describe_event(event) for event in actual]
            self.check(f"get_events({run_id}) ids", [e["event_id"] for e in wanted], [e["event_id"] for e in actual])
            for want, got in zip(wanted, actual):
                self.compare(f"event {want['event_id']}", want, got)
            for type_ in {event["type"] for event in wanted}:
                typed = await self.guarded(f"get_events({run_id}, [{type_}])", s.get_events(run_id, [type_]))
                self.check(f"get_events({run_id}, [{type_}]) ids",
                           [e["event_id"] for e in wanted if e["type"] == type_],
                           [e.event_id for e in typed or []])
        for probe in expected["has_event"]:
            what = f"has_event({probe['run_id']}, {probe['type']}, {probe['filters']})"
            actual = await self.guarded(what, s.has_event(probe["run_id"], probe["type"], **probe["filters"]))
            self.check(what, probe["expected"], actual)
        for probe in expected["latest_events"]:
            what = f"get_latest_event({probe['run_id']}, {probe['type']})"
            actual = await self.guarded(what, s.get_latest_event(probe["run_id"], probe["type"]))
            self.check(what, probe["event_id"], actual.event_id if actual else None)

    async def verify_steps(self, expected):
        s = self.storage
        by_run = {}
        for step in expected["steps"]:
            actual = await self.guarded(f"get_step({step['step_id']})", s.get_step(step["step_id"]))
            self.compare(f"step {step['step_id']}", step, describe_step(actual) if actual else None)
            by_run.setdefault(step["run_id"], []).append(step)
        for run_id, steps in by_run.items():
            actual = await self.guarded(f"list_steps({run_id})", s.list_steps(run_id))
            wanted = [step["step_id"] for step in sorted(steps, key=lambda step: parse_time(step["created_at"]))]
            self.check(f"list_steps({run_id})", wanted, [step.step_id for step in actual or []])

    async def verify_hooks(self, expected):
        s = self.storage
        by_run = {}
        for hook in expected["hooks"]:
            label = f"hook {hook['run_id']}/{hook['hook_id']}"
            actual = await self.guarded(f"get_hook({hook['hook_id']}, {hook['run_id']})",
                                        s.get_hook(hook["hook_id"], hook["run_id"]))
            self.compare(label, hook, describe_hook(actual) if actual else None)
            by_token = await self.guarded(f"get_hook_by_token({hook['token']})", s.get_hook_by_token(hook["token"]))
            self.check(f"get_hook_by_token({hook['token']})", [hook["run_id"], hook["hook_id"]],
                       [by_token.run_id, by_token.hook_id] if by_token else None)
            by_run.setdefault(hook["run_id"], set()).add(hook["hook_id"])
        listed = await s.list_hooks(limit=10000)
        missing = sorted({(h["run_id"], h["hook_id"]) for h in expected["hooks"]}
                         - {(h.run_id, h.hook_id) for h in listed})
        self.check("list_hooks missing", [], [list(key) for key in missing])
        for run_id, hook_ids in by_run.items():
            listed = await s.list_hooks(run_id=run_id, limit=10000)
            self.check(f"list_hooks({run_id})", sorted(hook_ids), sorted(h.hook_id for h in listed))

    async def verify_schedules(self, expected):
        s = self.storage
        for schedule in expected["schedules"]:
            schedule_id = schedule["schedule_id"]
            actual = await self.guarded(f"get_schedule({schedule_id})", s.get_schedule(schedule_id))
            # metadata, paused_at and deleted_at are columns pyworkflow's Schedule does not read.
            self.compare(f"schedule {schedule_id}", schedule, describe_schedule(actual) if actual else None,
                         ignore=("metadata", "paused_at", "deleted_at"))
        listed = await self.guarded("list_schedules", s.list_schedules(limit=10000))
        missing = sorted({sc["schedule_id"] for sc in expected["schedules"]}
                         - {sc.schedule_id for sc in listed or []})
        self.check("list_schedules missing", [], missing)
        for status in {schedule["status"] for schedule in expected["schedules"]}:
            listed = await self.guarded(f"list_schedules(status={status})",
                                        s.list_schedules(status=ScheduleStatus(status), limit=10000))
            wanted = sorted(sc["schedule_id"] for sc in expected["schedules"] if sc["status"] == status)
            self.check(f"list_schedules(status={status}) missing", [],
                       sorted(set(wanted) - {sc.schedule_id for sc in listed or []}))


# ---------------------------------------------------------------------------------------------
# write-streams (45fbe4c)


# What 45fbe4c's publish_signal stores as the stream run of a signal published without one; the
# descriptions carry None, what was passed (and what our API reads back).
NO_STREAM_RUN = "__none__"

# A "now" far enough ahead that every undelivered scheduled signal is due.
FAR_FUTURE_DAYS = 3650


async def write_streams(args):
    storage = new_storage(args)
    await storage.connect()
    try:
        return await StreamFixtureWriter(storage, args["prefix"], parse_time(args["base_time"])).write()
    finally:
        await storage.disconnect()


class StreamFixtureWriter:
    """The stream fixture: streams with and without metadata; signals of a stream run and of
    none, from a run and not, with and without metadata, one stream run shared by two streams;
    subscriptions in every status, with a parent link and results; scheduled signals due, not
    yet due and delivered; acknowledgments; checkpoints saved twice; and a run's events of the
    eight types 45fbe4c added, each written the way 45fbe4c's engine calls its storage."""

    def __init__(self, storage, prefix, base):
        self.storage = storage
        self.p = prefix
        self.base = base

    def t(self, seconds):
        return self.base + timedelta(seconds=seconds)

    def id(self, name):
        return f"{self.p}-{name}"

    async def write(self):
        s, i, t = self.storage, self.id, self.t
        a, b = i("stream-a"), i("stream-b")
        run_1, run_2 = i("srun-1"), i("srun-2")
        parent = i("parent")
        await s.create_stream(a, metadata={"owner": "orders", "limits": {"max": 5}, "tags": ["x", "\u00fc"]})
        await s.create_stream(b)
        signals = [
            (i("sig-1"), a, "order.created", {"order": 1, "items": [1, 2.5, None, True, "\u00fc"]}, parent, run_1,
             {"trace": "t-1"}),
            (i("sig-2"), a, "order.paid", {}, None, run_1, None),
            (i("sig-3"), a, "order.created", {"legacy": True}, None, None, {"n": 3}),
            (i("sig-4"), b, "ping", {"n": 4}, parent, run_1, None),
            (i("sig-5"), a, "order.created", {"order": 5}, None, run_2, None),
            (i("sig-6"), a, "order.shipped", {"order": 1, "nested": {"deep": [1, {"x": None}]}}, i("child"), run_1,
             {"a": [1]}),
        ]
        for signal_id, stream_id, type_, payload, source, stream_run, metadata in signals:
            await s.publish_signal(signal_id=signal_id, stream_id=stream_id, signal_type=type_, payload=payload,
                                   source_run_id=source, stream_run_id=stream_run, metadata=metadata)
        subscriptions = [
            (a, i("step-waiting"), ["order.created", "order.paid"], run_1, None),
            (a, i("step-running"), ["order.created"], run_1, "running"),
            (a, i("step-suspended"), ["order.paid", "order.shipped"], run_1, "suspended"),
            (a, i("step-terminated"), ["order.created"], run_2, "terminated"),
            (a, i("step-completed"), ["order.shipped"], run_1, "completed"),
            (a, i("step-no-run"), ["order.created"], None, None),
            (b, i("step-waiting"), ["ping"], run_1, None),
        ]
        for stream_id, step_run_id, types_, stream_run, status in subscriptions:
            await s.register_stream_subscription(stream_id, step_run_id, types_, stream_run_id=stream_run)
            if status:
                await s.update_subscription_status(stream_id, step_run_id, status)
        await s.set_subscription_result(a, i("step-completed"), {"total": 12.5, "lines": [1, None, "\u00fc"]})
        await s.set_subscription_result(a, i("step-terminated"), ["partial", 1])
        await s.set_stream_parent_link(a, run_1, parent, f"{parent}:{i('hook-stream')}")
        await s.acknowledge_signal(i("sig-1"), i("step-waiting"))
        await s.acknowledge_signal(i("sig-6"), i("step-suspended"))
        await s.schedule_signal(stream_id=a, signal_type="order.reminder", payload={"n": 1}, due_at=t(-60),
                                stream_run_id=run_1, metadata={"by": "timer"})
        await s.schedule_signal(stream_id=a, signal_type="order.reminder", payload={}, due_at=t(3600))
        delivered = await s.schedule_signal(stream_id=b, signal_type="ping", payload={"n": 2}, due_at=t(-120),
                                            stream_run_id=run_1)
        await s.mark_scheduled_signal_delivered(delivered)
        await s.save_checkpoint(i("step-waiting"), {"cursor": 1})
        await s.save_checkpoint(i("step-waiting"), {"cursor": 3, "seen": [i("sig-1")], "nested": {"f": 2.5, "n": None}})
        await s.save_checkpoint(i("step-running"), {})
        run_id = i("stream-run")
        await s.create_run(schemas.WorkflowRun(run_id=run_id, workflow_name="stream_flow", status=RunStatus.RUNNING,
                                               created_at=t(0), updated_at=t(0)))
        e = events_module
        for event in [
            e.create_step_suspended_event(run_id, i("step-1"), "approve", i("hook-1")),
            e.create_signal_wait_started_event(run_id, a, ["order.created"], 1),
            e.create_signal_received_event(run_id, i("sig-1"), a, "order.created", {"order": 1}),
            e.create_signal_published_event(run_id, i("sig-2"), a, "order.paid"),
            e.create_stream_step_started_event(run_id, a, "collect", ["order.created", "order.paid"]),
            e.create_stream_step_completed_event(run_id, a, "collect"),
            e.create_checkpoint_saved_event(run_id, i("step-waiting")),
            e.create_checkpoint_loaded_event(run_id, i("step-waiting")),
        ]:
            await s.record_event(event)
        description = await describe_stream_tables(s, f"{self.p}-%", run_id)
        description["queries"] = await StreamQueries(s).answer(stream_queries(i, self.base))
        return description


async def describe_stream_tables(storage, pattern, run_id):
    """Every row of the stream tables whose key matches the fixture's ids (pattern), as stored,
    the JSON columns as JSON values: pyworkflow's API reads some columns of no row (a
    checkpoint's times, a delivered signal), so the rows are read with SQL."""
    async with storage._pool.acquire() as conn:
        streams = await conn.fetch("SELECT * FROM streams WHERE stream_id LIKE $1 ORDER BY stream_id", pattern)
        signals = await conn.fetch("SELECT * FROM signals WHERE signal_id LIKE $1 ORDER BY signal_id", pattern)
        subscriptions = await conn.fetch(
            "SELECT * FROM stream_subscriptions WHERE stream_id LIKE $1 ORDER BY stream_id, step_run_id", pattern)
        acknowledgments = await conn.fetch(
            "SELECT * FROM signal_acknowledgments WHERE signal_id LIKE $1 ORDER BY signal_id, step_run_id", pattern)
        scheduled = await conn.fetch(
            "SELECT * FROM scheduled_signals WHERE stream_id LIKE $1 ORDER BY due_at, id", pattern)
        checkpoints = await conn.fetch(
            "SELECT * FROM checkpoints WHERE step_run_id LIKE $1 ORDER BY step_run_id", pattern)

    def js(text):
        return None if text is None else json.loads(text)

    return {
        "streams": [{"stream_id": r["stream_id"], "status": r["status"], "created_at": iso(r["created_at"]),
                     "metadata": js(r["metadata"])} for r in streams],
        "signals": [{"signal_id": r["signal_id"], "stream_id": r["stream_id"],
                     "stream_run_id": None if r["stream_run_id"] == NO_STREAM_RUN else r["stream_run_id"],
                     "sequence": r["sequence"], "signal_type": r["signal_type"], "payload": js(r["payload"]),
                     "published_at": iso(r["published_at"]), "source_run_id": r["source_run_id"],
                     "metadata": js(r["metadata"])} for r in signals],
        "subscriptions": [{"stream_id": r["stream_id"], "step_run_id": r["step_run_id"],
                           "signal_types": js(r["signal_types"]), "status": r["status"],
                           "stream_run_id": r["stream_run_id"], "parent_run_id": r["parent_run_id"],
                           "parent_hook_token": r["parent_hook_token"], "result": js(r["result"]),
                           "created_at": iso(r["created_at"])} for r in subscriptions],
        "acknowledgments": [{"signal_id": r["signal_id"], "step_run_id": r["step_run_id"]} for r in acknowledgments],
        "scheduled_signals": [{"id": r["id"], "stream_id": r["stream_id"], "signal_type": r["signal_type"],
                               "payload": js(r["payload"]), "due_at": iso(r["due_at"]),
                               "stream_run_id": r["stream_run_id"], "metadata": js(r["metadata"]),
                               "delivered": r["delivered"], "created_at": iso(r["created_at"])} for r in scheduled],
        "checkpoints": [{"step_run_id": r["step_run_id"], "data": js(r["data"]), "created_at": iso(r["created_at"]),
                         "updated_at": iso(r["updated_at"])} for r in checkpoints],
        "run": describe_run(await storage.get_run(run_id)),
        "events": [describe_event(event) for event in await storage.get_events(run_id)],
    }


def stream_queries(i, base):
    """The questions of the stream fixture, named as pyworkflow's methods; the Java fixture asks
    the same of its ids (OurStreamFixture)."""
    a, b, run_1, run_2 = i("stream-a"), i("stream-b"), i("srun-1"), i("srun-2")
    queries = [
        ("query_stream_signals", {"stream_id": a, "stream_run_id": run_1}),
        ("query_stream_signals", {"stream_id": a, "stream_run_id": run_1, "signal_type": "order.created"}),
        ("query_stream_signals", {"stream_id": a, "stream_run_id": run_1, "source_run_id": i("parent")}),
        ("query_stream_signals", {"stream_id": a, "stream_run_id": run_1, "after_sequence": 1, "before_sequence": 3}),
        ("query_stream_signals", {"stream_id": a, "stream_run_id": run_1, "last_n": 2}),
        ("query_stream_signals", {"stream_id": a, "stream_run_id": run_1, "limit": 1}),
        ("query_stream_signals", {"stream_id": a, "stream_run_id": None}),
        ("query_stream_signals", {"stream_id": b, "stream_run_id": run_1}),
        ("get_signals", {"stream_id": a, "after_sequence": 1}),
        # (limit 1 where one signal has the lowest sequence: pyworkflow cuts ties anywhere)
        ("get_signals", {"stream_id": a, "after_sequence": 2, "limit": 1}),
        ("get_waiting_steps", {"stream_id": a, "signal_type": "order.created", "stream_run_id": None}),
        ("get_waiting_steps", {"stream_id": a, "signal_type": "order.created", "stream_run_id": run_1}),
        ("get_waiting_steps", {"stream_id": a, "signal_type": "order.paid", "stream_run_id": run_1}),
        ("get_waiting_steps", {"stream_id": b, "signal_type": "ping", "stream_run_id": None}),
        ("get_subscriptions_for_stream", {"stream_id": a, "signal_type": "order.created", "stream_run_id": None}),
        ("get_subscriptions_for_stream", {"stream_id": a, "signal_type": "order.created", "stream_run_id": run_1}),
        ("get_subscriptions_for_stream", {"stream_id": a, "signal_type": "order.shipped", "stream_run_id": run_1}),
        ("get_subscription_states", {"stream_id": a, "stream_run_id": None}),
        ("get_subscription_states", {"stream_id": a, "stream_run_id": run_1}),
        ("get_subscription_states", {"stream_id": a, "stream_run_id": run_2}),
        ("get_subscription_states", {"stream_id": b, "stream_run_id": None}),
        ("get_stream_parent_link", {"stream_id": a, "stream_run_id": run_1}),
        ("get_stream_parent_link", {"stream_id": a, "stream_run_id": run_2}),
        ("get_stream_parent_link", {"stream_id": b, "stream_run_id": run_1}),
        ("fetch_due_scheduled_signals", {"now": iso(base)}),
        ("load_checkpoint", {"step_run_id": i("step-waiting")}),
        ("load_checkpoint", {"step_run_id": i("step-running")}),
        ("load_checkpoint", {"step_run_id": i("step-none")}),
        ("get_stream", {"stream_id": i("stream-none")}),
    ]
    for stream_id, step in [(a, "step-waiting"), (a, "step-running"), (a, "step-suspended"), (a, "step-terminated"),
                            (a, "step-completed"), (a, "step-no-run"), (b, "step-waiting"), (a, "step-none")]:
        queries.append(("get_pending_signals", {"stream_id": stream_id, "step_run_id": i(step)}))
    return [{"op": op, "args": args} for op, args in queries]


def signal_order(signal):
    # why: pyworkflow orders by sequence alone, and one stream holds signals of several stream
    # runs; among equal sequences the signal id decides on both sides.
    return signal["sequence"], signal["signal_id"]


class StreamQueries:
    """Asks pyworkflow's API the stream fixture's questions; each answer is what a caller can rely
    on: signal ids in order (ties of sequence by id), step run ids sorted where pyworkflow has no
    order, the parent link, a checkpoint's data."""

    def __init__(self, storage):
        self.storage = storage

    async def answer(self, queries):
        return [{"op": q["op"], "args": q["args"], "result": await self.ask(q["op"], q["args"])} for q in queries]

    async def ask(self, op, args):
        s = self.storage
        if op == "query_stream_signals":
            options = {k: v for k, v in args.items() if k not in ("stream_id", "stream_run_id")}
            found = await s.query_stream_signals(args["stream_id"], args["stream_run_id"] or NO_STREAM_RUN, **options)
            return [signal["signal_id"] for signal in found]
        if op == "get_signals":
            found = await s.get_signals(args["stream_id"], args["after_sequence"], args.get("limit", 100))
            return [signal["signal_id"] for signal in sorted(found, key=signal_order)]
        if op == "get_pending_signals":
            found = await s.get_pending_signals(args["stream_id"], args["step_run_id"])
            return [signal["signal_id"] for signal in sorted(found, key=signal_order)]
        if op in ("get_waiting_steps", "get_subscriptions_for_stream"):
            found = await getattr(s, op)(args["stream_id"], args["signal_type"], stream_run_id=args["stream_run_id"])
            return sorted(row["step_run_id"] for row in found)
        if op == "get_subscription_states":
            found = await s.get_subscription_states(args["stream_id"], stream_run_id=args["stream_run_id"])
            return sorted(row["step_run_id"] for row in found)
        if op == "get_stream_parent_link":
            link = await s.get_stream_parent_link(args["stream_id"], args["stream_run_id"])
            return list(link) if link else None
        if op == "fetch_due_scheduled_signals":
            found = await s.fetch_due_scheduled_signals(parse_time(args["now"]), 100)
            return [row["id"] for row in found]
        if op == "load_checkpoint":
            return await s.load_checkpoint(args["step_run_id"])
        if op == "get_stream":
            stream = await s.get_stream(args["stream_id"])
            return stream["stream_id"] if stream else None
        raise ValueError(f"unknown query {op}")


# ---------------------------------------------------------------------------------------------
# verify-streams (45fbe4c)


async def verify_streams(args):
    storage = new_storage(args)
    await storage.connect()
    try:
        verifier = StreamVerifier(storage)
        await verifier.verify(args["expected"])
        return {"mismatches": verifier.mismatches}
    finally:
        await storage.disconnect()


STREAM_TIMESTAMP_FIELDS = {"published_at", "due_at"}


class StreamVerifier(FixtureVerifier):
    """Reads every row of a stream fixture description through pyworkflow's API, every field
    that API returns, and asks it the description's queries."""

    def compare_fields(self, label, expected, actual, fields):
        if actual is None:
            self.mismatch(label, "present", None)
            return
        for field in fields:
            if field not in actual:
                self.mismatch(f"{label}.{field}", expected[field], "<not read by pyworkflow>")
            elif field in STREAM_TIMESTAMP_FIELDS:
                if parse_time(expected[field]) != parse_time(iso(actual[field]) if isinstance(actual[field], datetime)
                                                             else actual[field]):
                    self.mismatch(f"{label}.{field}", expected[field], actual[field])
            elif not same(field, expected[field], actual[field]):
                self.mismatch(f"{label}.{field}", expected[field], actual[field])

    async def verify(self, expected):
        s = self.storage
        for stream in expected["streams"]:
            actual = await self.guarded(f"get_stream({stream['stream_id']})", s.get_stream(stream["stream_id"]))
            self.compare_fields(f"stream {stream['stream_id']}", stream, actual,
                                ("stream_id", "status", "created_at", "metadata"))
        await self.verify_signals(expected)
        await self.verify_subscriptions(expected)
        await self.verify_scheduled_signals(expected)
        for checkpoint in expected["checkpoints"]:
            step_run_id = checkpoint["step_run_id"]
            actual = await self.guarded(f"load_checkpoint({step_run_id})", s.load_checkpoint(step_run_id))
            self.check(f"load_checkpoint({step_run_id})", checkpoint["data"], actual)
        run = expected["run"]
        actual = await self.guarded(f"get_run({run['run_id']})", s.get_run(run["run_id"]))
        self.compare(f"run {run['run_id']}", run, describe_run(actual) if actual else None)
        events = await self.guarded(f"get_events({run['run_id']})", s.get_events(run["run_id"]))
        events = [describe_event(event) for event in events or []]
        self.check(f"get_events({run['run_id']}) ids", [e["event_id"] for e in expected["events"]],
                   [e["event_id"] for e in events])
        for want, got in zip(expected["events"], events):
            self.compare(f"event {want['event_id']}", want, got)
        queries = StreamQueries(s)
        for query in expected["queries"]:
            what = f"{query['op']}({query['args']})"
            actual = await self.guarded(what, queries.ask(query["op"], query["args"]))
            self.check(what, query["result"], actual)

    async def verify_signals(self, expected):
        by_stream = {}
        for signal in expected["signals"]:
            by_stream.setdefault(signal["stream_id"], {})[signal["signal_id"]] = signal
        for stream_id, signals in by_stream.items():
            actual = await self.guarded(f"get_signals({stream_id})", self.storage.get_signals(stream_id, 0, 1000))
            actual = {signal["signal_id"]: signal for signal in actual or []}
            self.check(f"get_signals({stream_id}) ids", sorted(signals), sorted(actual))
            for signal_id, signal in signals.items():
                # pyworkflow reads back its sentinel for a signal of no stream run.
                want = dict(signal, stream_run_id=signal["stream_run_id"] or NO_STREAM_RUN)
                self.compare_fields(f"signal {signal_id}", want, actual.get(signal_id),
                                    ("signal_id", "stream_id", "signal_type", "payload", "published_at", "sequence",
                                     "source_run_id", "stream_run_id", "metadata"))

    async def verify_subscriptions(self, expected):
        s = self.storage
        by_stream = {}
        for subscription in expected["subscriptions"]:
            by_stream.setdefault(subscription["stream_id"], []).append(subscription)
        for stream_id, subscriptions in by_stream.items():
            states = await self.guarded(f"get_subscription_states({stream_id})", s.get_subscription_states(stream_id))
            states = {row["step_run_id"]: row for row in states or []}
            self.check(f"get_subscription_states({stream_id}) ids", sorted(sub["step_run_id"] for sub in subscriptions),
                       sorted(states))
            for subscription in subscriptions:
                label = f"subscription {stream_id}/{subscription['step_run_id']}"
                self.compare_fields(label, subscription, states.get(subscription["step_run_id"]),
                                    ("stream_id", "step_run_id", "status", "stream_run_id", "result"))
                for type_ in subscription["signal_types"]:
                    rows = await self.guarded(f"get_subscriptions_for_stream({stream_id}, {type_})",
                                              s.get_subscriptions_for_stream(stream_id, type_))
                    row = next((r for r in rows or [] if r["step_run_id"] == subscription["step_run_id"]), None)
                    self.compare_fields(f"{label} (get_subscriptions_for_stream {type_})", subscription, row,
                                        ("signal_types", "status", "created_at"))
                if subscription["parent_run_id"] is not None and subscription["stream_run_id"] is not None:
                    link = await self.guarded(f"get_stream_parent_link({stream_id}, {subscription['stream_run_id']})",
                                              s.get_stream_parent_link(stream_id, subscription["stream_run_id"]))
                    self.check(f"{label} parent link", [subscription["parent_run_id"], subscription["parent_hook_token"]],
                               list(link) if link else None)

    async def verify_scheduled_signals(self, expected):
        later = datetime.now(UTC) + timedelta(days=FAR_FUTURE_DAYS)
        due = await self.guarded("fetch_due_scheduled_signals", self.storage.fetch_due_scheduled_signals(later, 1000))
        due = {row["id"]: row for row in due or []}
        for scheduled in expected["scheduled_signals"]:
            label = f"scheduled signal {scheduled['id']}"
            if scheduled["delivered"]:
                self.check(f"{label} delivered: not fetched as due", False, scheduled["id"] in due)
            else:
                self.compare_fields(label, scheduled, due.get(scheduled["id"]),
                                    ("id", "stream_id", "signal_type", "payload", "due_at", "stream_run_id", "metadata"))


# ---------------------------------------------------------------------------------------------
# list-runs


async def list_runs(args):
    storage = new_storage(args)
    await storage.connect()
    try:
        status = RunStatus(args["status"]) if args.get("status") else None
        pages, cursor = [], None
        while True:
            runs, cursor = await storage.list_runs(status=status, limit=args["page_size"], cursor=cursor)
            pages.append({"runs": [describe_run_summary(run) for run in runs], "next_cursor": cursor})
            if cursor is None:
                return {"pages": pages}
    finally:
        await storage.disconnect()


RUN_SUMMARY_FIELDS = ("run_id", "workflow_name", "status", "created_at", "updated_at", "started_at", "completed_at",
                      "error", "idempotency_key", "max_duration", "recovery_attempts", "max_recovery_attempts",
                      "recover_on_worker_loss", "parent_run_id", "nesting_depth", "continued_from_run_id",
                      "continued_to_run_id")


def describe_run_summary(run):
    # 45fbe4c's list_runs reads these columns only and fills the others with defaults.
    described = describe_run(run)
    return {field: described[field] for field in RUN_SUMMARY_FIELDS}


# ---------------------------------------------------------------------------------------------
# apply


async def apply(args):
    storage = new_storage(args)
    await storage.connect()
    try:
        return {"results": [await apply_one(storage, op) for op in args["ops"]]}
    finally:
        await storage.disconnect()


async def apply_one(storage, op):
    name = op["op"]
    try:
        if name == "create_run":
            await storage.create_run(run_from(op["run"]))
            value = None
        elif name == "record_event":
            await storage.record_event(event_from(op["event"]))
            value = None
        elif name == "create_hook":
            await storage.create_hook(hook_from(op["hook"]))
            value = None
        elif name == "get_events":
            value = [describe_event(event) for event in await storage.get_events(op["run_id"])]
        elif name == "has_event":
            value = await storage.has_event(op["run_id"], op["type"], **op["filters"])
        elif name == "get_run_by_idempotency_key":
            run = await storage.get_run_by_idempotency_key(op["key"])
            value = run.run_id if run else None
        elif name == "get_hook_by_token":
            hook = await storage.get_hook_by_token(op["token"])
            value = [hook.run_id, hook.hook_id] if hook else None
        else:
            raise ValueError(f"unknown op {name}")
        return {"ok": True, "value": value}
    except Exception as ex:  # noqa: BLE001 - the outcome is reported, the caller decides
        return {"ok": False, "error": type(ex).__name__, "message": str(ex)}


# ---------------------------------------------------------------------------------------------
# append


async def append(args):
    tasks = args["tasks"]
    storage = new_storage(args, min_pool_size=tasks, max_pool_size=tasks)
    await storage.connect()
    try:
        written, failures, messages = [], {}, []

        async def appender(task):
            for number in range(args["events_per_task"]):
                event_id = f"{args['event_prefix']}-{task}-{number}"
                try:
                    await storage.record_event(Event(event_id=event_id, run_id=args["run_id"],
                                                     type=EventType.STEP_COMPLETED,
                                                     data={"step_id": event_id, "writer": "pyworkflow"}))
                    written.append(event_id)
                except Exception as ex:  # noqa: BLE001 - pyworkflow does not retry; count it
                    failures[type(ex).__name__] = failures.get(type(ex).__name__, 0) + 1
                    if len(messages) < 5:
                        messages.append(f"{type(ex).__name__}: {ex}")

        # why: the Java appenders start at the same wall-clock instant, so the two overlap.
        late_by = time.time() - args["start_at"]
        await asyncio.sleep(max(0.0, -late_by))
        # why: the benchmarks' pyworkflow floor divides the appends by this, connect() left out.
        started = time.perf_counter()
        await asyncio.gather(*(appender(task) for task in range(tasks)))
        elapsed = time.perf_counter() - started
        return {"written": written, "failures": failures, "failure_messages": messages,
                "started_late_by_seconds": max(0.0, late_by), "elapsed_seconds": elapsed}
    finally:
        await storage.disconnect()


# ---------------------------------------------------------------------------------------------
# publish (45fbe4c)


async def publish(args):
    tasks = args["tasks"]
    storage = new_storage(args, min_pool_size=tasks, max_pool_size=tasks)
    await storage.connect()
    try:
        published, failures, messages = {}, {}, []

        async def publisher(task):
            for number in range(args["signals_per_task"]):
                signal_id = f"{args['signal_prefix']}-{task}-{number}"
                try:
                    published[signal_id] = await storage.publish_signal(
                        signal_id=signal_id, stream_id=args["stream_id"], signal_type="tick",
                        payload={"writer": "pyworkflow", "task": task, "n": number},
                        stream_run_id=args["stream_run_id"])
                except Exception as ex:  # noqa: BLE001 - pyworkflow does not retry; count it
                    failures[type(ex).__name__] = failures.get(type(ex).__name__, 0) + 1
                    if len(messages) < 5:
                        messages.append(f"{type(ex).__name__}: {ex}")

        # why: the Java publishers start at the same wall-clock instant, so the two overlap.
        late_by = time.time() - args["start_at"]
        await asyncio.sleep(max(0.0, -late_by))
        await asyncio.gather(*(publisher(task) for task in range(tasks)))
        return {"published": published, "failures": failures, "failure_messages": messages,
                "started_late_by_seconds": max(0.0, late_by)}
    finally:
        await storage.disconnect()


# ---------------------------------------------------------------------------------------------
# delete-old-runs


async def delete_old_runs(args):
    """pyworkflow's retention pass (delete_old_runs, one transaction) with the cutoff given,
    started at "start_at" so that it overlaps a pass of ours; reports what it returned or raised."""
    storage = new_storage(args)
    await storage.connect()
    try:
        late_by = time.time() - args["start_at"]
        await asyncio.sleep(max(0.0, -late_by))
        started = time.perf_counter()
        try:
            deleted = await storage.delete_old_runs(parse_time(args["older_than"]))
            outcome = {"ok": True, "deleted": deleted}
        except Exception as ex:  # noqa: BLE001 - the outcome is reported, the caller decides
            outcome = {"ok": False, "error": type(ex).__name__, "message": str(ex)}
        outcome["elapsed_seconds"] = time.perf_counter() - started
        outcome["started_late_by_seconds"] = max(0.0, late_by)
        return outcome
    finally:
        await storage.disconnect()


# ---------------------------------------------------------------------------------------------


COMMANDS = {
    "probe": None,
    "migrations": migrations,
    "init": init,
    "write-fixture": write_fixture,
    "verify-fixture": verify_fixture,
    "write-streams": write_streams,
    "verify-streams": verify_streams,
    "list-runs": list_runs,
    "apply": apply,
    "append": append,
    "publish": publish,
    "delete-old-runs": delete_old_runs,
}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: {sys.argv[0]} {{{'|'.join(COMMANDS)}}} < arguments.json", file=sys.stderr)
        return 2
    command = COMMANDS[sys.argv[1]]
    if command is None:
        import asyncpg

        print(json.dumps({"python": sys.version.split()[0], "asyncpg": asyncpg.__version__}))
        return 0
    try:
        result = asyncio.run(command(json.load(sys.stdin)))
    except Exception:  # noqa: BLE001 - reported on stderr with a non-zero exit
        traceback.print_exc()
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
