"""Sharing the builders' work among ``--jobs`` worker processes.

Place in the flow: the runner (runner.py) hands its outdated builders here
when more than one process may run. A job is a whole builder
(``build_one``) or, for a builder of tasks (the packets), its list of
tasks, each task, and its finish (``tasks_of``, ``run_task``,
``finish_one``). At most ``jobs`` run at once: one pool for every edition,
never a pool per edition, since two WeasyPrint processes per core each run
at half speed or less (runner.py has the figures).

When a worker is free it takes, in this order: a builder's finish (its
tasks are all done, and the builders it needs), a builder whose needs are
done (in the editions' order; a builder of tasks starts its tasks at once,
since only its finish takes what it needs), then the next task. So the one
long chain (pdf → epub → print) never waits for a task, the EPUB's text is
made while the PDF is laid out, and the tasks fill the other workers, then
every worker once the chain is done.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, NamedTuple


class Work(NamedTuple):
    """The jobs' functions (runner.py's), run in the workers."""
    build_one: Callable         # a whole builder -> its result
    tasks_of: Callable          # a builder of tasks -> its tasks
    run_task: Callable          # one task -> (task, what it returned)
    finish_one: Callable        # the tasks done -> the builder's result


@dataclass
class _Tasks:
    """A builder of tasks under way: when it began, and its tasks."""
    began: float
    left: int | None = None         # None: its list is not in yet
    done: list = field(default_factory=list)
    finishing: bool = False
    worked: float = 0.0             # seconds from its list to its last task


def process_pool(jobs: int, preload: tuple[str, ...] = ()):
    """``jobs`` worker processes; each imports ``preload`` as it starts."""
    # imported here: a no-op build starts no process
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_preload, initargs=(preload,))


def warm_pool(jobs: int, preload: tuple[str, ...]):
    """A process pool whose ``jobs`` workers are started now, each importing
    ``preload`` (the builders' modules) while this process makes the Book:
    a worker started on demand would import them in the first builder's
    time (WeasyPrint alone: 0.7 s)."""
    pool = process_pool(jobs, preload)
    for _ in range(jobs):       # the pool starts a worker for each job no idle one takes
        pool.submit(int)
    return pool


def _preload(modules: tuple[str, ...]) -> None:
    from importlib import import_module
    for name in modules:
        import_module(name)


class Schedule:
    def __init__(self, todo: list[str], args_for, finish, hooks, jobs: int,
                 builders: dict, work: Work, pool=process_pool):
        """``args_for(name)``: (name, book_path, ctx, cache_dir, inputs), the
        builder's arguments once its needs are done (its tasks take the first
        four, asked for when they start); ``finish(result)``:
        called with each builder's result as it ends; ``builders``: the
        registry (their ``needs`` and ``tasks``); ``pool(jobs)``: an executor."""
        self.pending = list(todo)
        self.args_for, self.finish, self.hooks, self.jobs = args_for, finish, hooks, jobs
        self.builders, self.work, self.pool = builders, work, pool
        self.unfinished: set[str] = set()     # begun, not ended
        self.split: dict[str, _Tasks] = {}
        self.queue: list[tuple[str, object]] = []
        self.args: dict[str, tuple] = {}

    def run(self) -> None:
        from concurrent.futures import FIRST_COMPLETED, wait
        running: dict = {}
        pool = self.pool(self.jobs)
        try:
            while self.pending or self.unfinished:
                while len(running) < self.jobs and (job := self._next()) is not None:
                    fn, kind, name, args = job
                    running[pool.submit(fn, *args)] = (kind, name)
                if not running:
                    waiting = sorted(set(self.pending) | self.unfinished)
                    raise RuntimeError(f"builders wait on each other: {', '.join(waiting)}")
                finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for fut in finished:
                    kind, name = running.pop(fut)
                    try:
                        self._collect(fut.result(), kind, name)
                    except BaseException:
                        self.hooks.failed(name)
                        raise
        except BaseException:
            # a failed edition stops the others at once (private: the pool has
            # no public way to end its workers)
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)

    def _next(self):
        """The next job for a free worker, as (function, kind, builder,
        arguments), or None."""
        blocked = set(self.pending) | self.unfinished
        for name, state in self.split.items():
            if (state.left == 0 and not state.finishing
                    and not any(d in blocked for d in self.builders[name].needs)):
                state.finishing = True      # its inputs now: what it needs is made
                return (self.work.finish_one, "finish", name, self.args_for(name) + (
                    state.done, state.worked))
        for name in self.pending:
            if not self.builders[name].tasks and any(d in blocked for d in self.builders[name].needs):
                continue
            self.pending.remove(name)
            self.unfinished.add(name)
            self.hooks.start(name)
            self.args[name] = self.args_for(name)
            if self.builders[name].tasks:
                self.split[name] = _Tasks(time.perf_counter())
                return (self.work.tasks_of, "tasks", name, self.args[name][:4])
            return (self.work.build_one, "whole", name, self.args[name])
        if self.queue:
            name, task = self.queue.pop(0)
            return (self.work.run_task, "task", name, self.args[name][:4] + (task,))
        return None

    def _collect(self, value, kind: str, name: str) -> None:
        if kind in ("whole", "finish"):
            self.unfinished.discard(name)
            self.finish(value)
        elif kind == "tasks":
            state = self.split[name]
            state.left = len(value)
            state.worked = time.perf_counter() - state.began
            self.queue.extend((name, task) for task in value)
        else:
            state = self.split[name]
            state.done.append(value)
            state.left -= 1
            if state.left == 0:         # a finish waiting for its needs is not timed
                state.worked = time.perf_counter() - state.began
