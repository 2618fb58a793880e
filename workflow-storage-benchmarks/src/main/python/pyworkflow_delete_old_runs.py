#!/usr/bin/env python3
"""Times pyworkflow 45fbe4c's own retention pass, delete_old_runs, the floor of our deleteOldRuns.

Usage: pyworkflow_delete_old_runs.py < arguments.json

PYWORKFLOW_HOME names the folder holding the unpacked `pyworkflow` package of pyworkflow 45fbe4c.
The arguments are one JSON object on stdin:
  backend          "postgres" or "citus": pyworkflow's backend of that name
  dsn              the database, loaded by the scale loader
  older_than       the cutoff, ISO 8601 with its offset
  command_timeout  asyncpg's timeout of one statement, in seconds (pyworkflow's default is 60)

One storage backend with one pooled connection, as pyworkflow's beat task calls it; connect() is
left out of the timing. Each statement's time is recorded by wrapping asyncpg's
Connection.execute (pyworkflow's code is not changed), so the result says which of its
statements took how long. The result is one JSON object on stdout: "deleted" (what
delete_old_runs returned), "seconds" (its wall time) and "statements" (each statement's first
words and seconds, in order). A failure prints its traceback on stderr and exits non-zero.
"""

import asyncio
import importlib
import json
import os
import sys
import time
import traceback
import types
from datetime import datetime

import asyncpg


def load_pyworkflow():
    # why: pyworkflow's package __init__ files import celery, pydantic...; the storage modules
    # need only asyncpg and loguru, so the packages are registered empty and their modules
    # imported from the unpacked folders.
    home = os.environ["PYWORKFLOW_HOME"]
    for name in ("pyworkflow", "pyworkflow.storage", "pyworkflow.engine"):
        package = types.ModuleType(name)
        package.__path__ = [os.path.join(home, *name.split("."))]
        sys.modules[name] = package
    return {name: importlib.import_module("pyworkflow.storage." + name) for name in ("postgres", "citus")}


PW = load_pyworkflow()

STATEMENTS = []


def time_statements():
    """Wraps asyncpg's Connection.execute so that each statement's duration is recorded."""
    execute = asyncpg.connection.Connection.execute

    async def timed(self, query, *args, **kwargs):
        started = time.perf_counter()
        try:
            return await execute(self, query, *args, **kwargs)
        finally:
            STATEMENTS.append({"statement": " ".join(query.split())[:90],
                               "seconds": time.perf_counter() - started})

    asyncpg.connection.Connection.execute = timed


async def measure(args):
    backends = {"postgres": PW["postgres"].PostgresStorageBackend, "citus": PW["citus"].CitusStorageBackend}
    storage = backends[args["backend"]](dsn=args["dsn"], min_pool_size=1, max_pool_size=1,
                                        command_timeout=args["command_timeout"])
    await storage.connect()
    try:
        STATEMENTS.clear()
        started = time.perf_counter()
        deleted = await storage.delete_old_runs(datetime.fromisoformat(args["older_than"]))
        seconds = time.perf_counter() - started
        return {"deleted": deleted, "seconds": seconds, "statements": list(STATEMENTS)}
    finally:
        await storage.disconnect()


def main():
    try:
        time_statements()
        result = asyncio.run(measure(json.load(sys.stdin)))
    except Exception:  # noqa: BLE001 - reported on stderr with a non-zero exit
        traceback.print_exc()
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
