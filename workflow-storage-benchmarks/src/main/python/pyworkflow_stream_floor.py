#!/usr/bin/env python3
"""Times pyworkflow's own stream operations, the benchmarks' floor of our stream operations.

Usage: pyworkflow_stream_floor.py < arguments.json

PYWORKFLOW_HOME names the folder holding the unpacked `pyworkflow` package of pyworkflow 45fbe4c.
The arguments are one JSON object on stdin:
  backend          "postgres" or "citus": pyworkflow's backend of that name
  dsn              the database, migrated by our library
  prefix           the start of every id this run writes
  streams          how many streams publish_signal goes round, all in one stream run
  signal_type      the type of every signal
  payload          the payload of every signal (a JSON object)
  checkpoint_data  the state every checkpoint saves (a JSON object)
  read_signals     how many signals the stream get_signals reads holds
  warmup_seconds   how long each operation runs before it is timed
  samples          how many one-second samples are timed of each operation
  operations       which of publish_signal, get_signals, save_checkpoint, load_checkpoint, in order

One storage backend with one pooled connection, one asyncio task, as pyworkflow's worker calls
it; connect() and the setup are left out of the timing. The result is one JSON object on stdout:
"rates" (per operation, its samples' operations per second), "stream_run_id" and "published"
(the stream run publish_signal wrote to and how many signals it published there). A failure
prints its traceback on stderr and exits non-zero.
"""

import asyncio
import importlib
import json
import os
import sys
import time
import traceback
import types


def load_pyworkflow():
    # why: pyworkflow's package __init__ files import celery, pydantic...; the storage modules
    # need only asyncpg and loguru, so the packages are registered empty and their modules
    # imported from the unpacked folders (postgres.py imports pyworkflow.storage.migrations and
    # pyworkflow.storage.base, which the empty packages' __path__ finds).
    home = os.environ["PYWORKFLOW_HOME"]
    for name in ("pyworkflow", "pyworkflow.storage", "pyworkflow.engine"):
        package = types.ModuleType(name)
        package.__path__ = [os.path.join(home, *name.split("."))]
        sys.modules[name] = package
    return {name: importlib.import_module("pyworkflow.storage." + name) for name in ("postgres", "citus")}


PW = load_pyworkflow()


class Floor:
    def __init__(self, storage, args):
        self.storage = storage
        self.args = args
        prefix = args["prefix"]
        self.streams = [f"{prefix}-stream-{i}" for i in range(args["streams"])]
        self.stream_run_id = f"{prefix}-stream-run"
        self.read_stream = f"{prefix}-read-stream"
        self.step_run_id = f"{prefix}-step-run"
        self.published = 0

    async def set_up(self):
        for number in range(self.args["read_signals"]):
            await self.storage.publish_signal(
                signal_id=f"{self.args['prefix']}-read-{number}", stream_id=self.read_stream,
                signal_type=self.args["signal_type"], payload=self.args["payload"],
                stream_run_id=f"{self.args['prefix']}-read-run")
        await self.storage.save_checkpoint(self.step_run_id, self.args["checkpoint_data"])

    async def publish_signal(self):
        number = self.published
        await self.storage.publish_signal(
            signal_id=f"{self.args['prefix']}-sig-{number}", stream_id=self.streams[number % len(self.streams)],
            signal_type=self.args["signal_type"], payload=self.args["payload"], stream_run_id=self.stream_run_id)
        self.published += 1

    async def get_signals(self):
        signals = await self.storage.get_signals(self.read_stream, 0, 100)
        if len(signals) != self.args["read_signals"]:
            raise AssertionError(f"get_signals gave {len(signals)} signals, not {self.args['read_signals']}")

    async def save_checkpoint(self):
        await self.storage.save_checkpoint(self.step_run_id, self.args["checkpoint_data"])

    async def load_checkpoint(self):
        if await self.storage.load_checkpoint(self.step_run_id) != self.args["checkpoint_data"]:
            raise AssertionError("load_checkpoint did not give the checkpoint saved")


async def for_a_while(operation, seconds):
    """Calls operation until `seconds` have passed; returns its calls per second."""
    calls = 0
    started = time.perf_counter()
    deadline = started + seconds
    while True:
        await operation()
        calls += 1
        now = time.perf_counter()
        if now >= deadline:
            return calls / (now - started)


async def measure(args):
    backends = {"postgres": PW["postgres"].PostgresStorageBackend, "citus": PW["citus"].CitusStorageBackend}
    storage = backends[args["backend"]](dsn=args["dsn"], min_pool_size=1, max_pool_size=1)
    await storage.connect()
    try:
        floor = Floor(storage, args)
        await floor.set_up()
        rates = {}
        for name in args["operations"]:
            operation = getattr(floor, name)
            await for_a_while(operation, args["warmup_seconds"])
            rates[name] = [await for_a_while(operation, 1.0) for _ in range(args["samples"])]
        return {"rates": rates, "stream_run_id": floor.stream_run_id, "published": floor.published}
    finally:
        await storage.disconnect()


def main():
    try:
        result = asyncio.run(measure(json.load(sys.stdin)))
    except Exception:  # noqa: BLE001 - reported on stderr with a non-zero exit
        traceback.print_exc()
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
