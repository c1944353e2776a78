"""build/schedule.py: the one pool every edition's work is shared out in.

Threads stand in for the worker processes, and fake builders for the real
ones; what is asserted is the order the schedule guarantees whatever the
timing (barriers make two jobs meet, no test sleeps).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from pressroom.build.schedule import Schedule, Work


@dataclass(frozen=True)
class Fake:
    needs: tuple = ()
    tasks: bool = False


class Log:
    """What ran: every job as it starts, with how many were running then."""
    def __init__(self, tasks_per_builder=6, meet=None):
        self.lock = threading.Lock()
        self.events: list[tuple] = []
        self.running = 0
        self.most = 0
        self.count = tasks_per_builder
        self.meet = meet          # a barrier the first tasks wait at

    def enter(self, *event):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.events.append(event)

    def leave(self, *event):
        with self.lock:
            self.running -= 1
            self.events.append(event)

    # the four jobs, as runner.py's take their arguments
    def build_one(self, name, book, ctx, cache, inputs):
        self.enter("start", name)
        self.leave("end", name)
        return {"name": name}

    def tasks_of(self, name, book, ctx, cache):
        self.enter("list", name)
        self.leave("listed", name)
        return [f"{name}{k}" for k in range(self.count)]

    def run_task(self, name, book, ctx, cache, task):
        self.enter("task", task)
        if self.meet is not None and task in ("t0", "t1"):
            self.meet.wait(timeout=30)     # broken (an error) unless both run at once
        self.leave("task done", task)
        return task, task.upper()

    def finish_one(self, name, book, ctx, cache, inputs, done, seconds):
        self.enter("finish", name)
        self.leave("finished", name)
        return {"name": name, "done": sorted(done)}

    def work(self) -> Work:
        return Work(self.build_one, self.tasks_of, self.run_task, self.finish_one)


class Hooks:
    def __init__(self, log: Log):
        self.log = log
        self.done_names: list[str] = []

    def start(self, name):
        self.log.events.append(("begun", name))

    def done(self, name, result):
        self.done_names.append(name)
        self.log.events.append(("done", name))

    def failed(self, name):
        self.log.events.append(("failed", name))


BUILDERS = {"pdf": Fake(), "epub": Fake(needs=("pdf",)), "print": Fake(needs=("pdf",)),
            "t": Fake(tasks=True)}


def _run(todo, log, jobs=2, work=None, pool=None):
    """The schedule run as the runner runs it: ``finish`` tells the hooks."""
    results = []
    hooks = Hooks(log)

    def finish(result):
        results.append(result)
        hooks.done(result["name"], result)
    Schedule(todo, lambda n: (n, "book", "ctx", "cache", "inputs"), finish, hooks, jobs,
             BUILDERS, work or log.work(),
             pool=pool or (lambda j: ThreadPoolExecutor(max_workers=j))).run()
    return results, hooks


def test_every_builder_ends_once_with_every_task_done():
    log = Log()
    results, hooks = _run(["pdf", "epub", "print", "t"], log)
    assert sorted(hooks.done_names) == ["epub", "pdf", "print", "t"]
    (tasks_result,) = [r for r in results if r["name"] == "t"]
    assert tasks_result["done"] == sorted((f"t{k}", f"T{k}") for k in range(6))
    assert log.most <= 2


def test_a_builder_starts_only_after_what_it_needs():
    log = Log()
    _run(["pdf", "epub", "print", "t"], log)
    for dependant in ("epub", "print"):
        assert log.events.index(("done", "pdf")) < log.events.index(("start", dependant))


def test_the_finish_comes_after_the_last_task():
    log = Log()
    _run(["t"], log)
    last_task = max(i for i, e in enumerate(log.events) if e[0] == "task done")
    assert last_task < log.events.index(("finish", "t"))


def test_tasks_run_side_by_side():
    # the two first tasks wait for each other: run one at a time, they
    # would break the barrier and the task would raise
    log = Log(meet=threading.Barrier(2))
    results, _ = _run(["t"], log)
    assert results[0]["done"][:2] == [("t0", "T0"), ("t1", "T1")]
    assert log.most == 2


def test_never_more_jobs_than_workers():
    # a pool with room for more: the schedule alone keeps to ``jobs``. Four
    # tasks at once would meet at the barrier; three never can, and the
    # barrier breaks (after half a second) with the schedule kept to three.
    log = Log(tasks_per_builder=20)
    four = threading.Barrier(4)
    met = []

    def task(name, book, ctx, cache, t):
        try:
            four.wait(timeout=0.5)
            met.append(t)
        except threading.BrokenBarrierError:
            pass
        return log.run_task(name, book, ctx, cache, t)
    _run(["pdf", "epub", "print", "t"], log, jobs=3, work=log.work()._replace(run_task=task),
         pool=lambda j: ThreadPoolExecutor(max_workers=j + 5))
    assert met == []
    assert log.most <= 3


class Recorded(ThreadPoolExecutor):
    """A pool that notes, in the schedule's thread, each job handed to it."""
    def __init__(self, jobs, log, task=None):
        super().__init__(max_workers=jobs)
        self.log, self.task = log, task

    def submit(self, fn, *args):
        task = fn in (self.log.run_task, self.task)
        self.log.events.append(("handed", args[-1] if task else args[0]))
        return super().submit(fn, *args)


def test_a_ready_builder_goes_before_the_waiting_tasks():
    # the pdf ends only once tasks are queued and running: the next jobs
    # handed out must be its dependants, not the tasks queued before them
    log = Log(tasks_per_builder=30)
    third_task = threading.Event()
    pdf = log.build_one

    def slow_pdf(name, *rest):
        if name == "pdf":
            assert third_task.wait(timeout=30)
        return pdf(name, *rest)

    def task(name, book, ctx, cache, t):
        if t == "t2":
            third_task.set()
        return log.run_task(name, book, ctx, cache, t)
    work = log.work()._replace(build_one=slow_pdf, run_task=task)
    _run(["pdf", "epub", "print", "t"], log, work=work, pool=lambda j: Recorded(j, log, task))
    after = log.events[log.events.index(("done", "pdf")) + 1:]
    handed = [e[1] for e in after if e[0] == "handed"]
    assert handed[:2] == ["epub", "print"]
    assert "t2" in [e[1] for e in log.events[:log.events.index(("done", "pdf"))] if e[0] == "handed"]


def test_a_failed_task_fails_its_builder():
    log = Log()

    def broken(name, book, ctx, cache, task):
        raise ValueError("a task's own error")
    with pytest.raises(ValueError, match="a task's own error"):
        _run(["t"], log, work=log.work()._replace(run_task=broken))
    assert ("failed", "t") in log.events


def test_a_builder_works_with_what_was_alive_before_out_of_the_collectors_reach():
    import gc

    from pressroom.build import runner
    before = [{"a Book's part": [k]} for k in range(1000)]
    with runner._collector_leaves_alone():
        assert gc.get_freeze_count() >= 2 * len(before)      # each dict and its list
    assert gc.get_freeze_count() == 0                       # put back


def test_what_a_builder_left_in_cycles_is_collected_before_the_next_begins():
    import gc
    import weakref

    from pressroom.build import runner

    class Box:
        pass

    was_on = gc.isenabled()
    gc.disable()                # as while WeasyPrint lays out: no collection by itself
    try:
        with runner._collector_leaves_alone():
            box, other = Box(), Box()
            box.other, other.box = other, box          # a cycle, as a layout's boxes
            left = weakref.ref(box)
            del box, other
            assert left() is not None                  # garbage, not yet collected
        assert left() is None
    finally:
        if was_on:
            gc.enable()


def test_the_hooks_hear_every_builder_begin():
    log = Log()
    _run(["pdf", "epub", "print", "t"], log)
    assert sorted(e[1] for e in log.events if e[0] == "begun") == ["epub", "pdf", "print", "t"]


def test_a_builder_of_tasks_is_timed_from_its_list_to_its_finish():
    import time
    seen = []
    log = Log()

    def finish_one(name, book, ctx, cache, inputs, done, seconds):
        seen.append(seconds)
        return log.finish_one(name, book, ctx, cache, inputs, done, seconds)
    started = time.perf_counter()
    _run(["t"], log, work=log.work()._replace(finish_one=finish_one))
    assert 0 <= seen[0] <= time.perf_counter() - started


def test_builders_that_need_each_other_stop_with_their_names():
    log = Log()
    loop = {"a": Fake(needs=("b",)), "b": Fake(needs=("a",))}
    with pytest.raises(RuntimeError, match="wait on each other: a, b"):
        Schedule(["a", "b"], lambda n: (n, "b", "c", "d", "e"), lambda r: None, Hooks(log), 2,
                 loop, log.work(), pool=lambda j: ThreadPoolExecutor(max_workers=j)).run()


def _imported(name: str) -> tuple[int, bool]:
    import os
    import sys
    return os.getpid(), name in sys.modules


def test_a_warm_pool_has_its_workers_started_with_the_modules_imported():
    """schedule.warm_pool: every worker is a process of its own, started
    before any builder asks, with the builders' ``preload`` modules in it
    (a module no process here would import otherwise)."""
    import sys
    from pressroom.build.schedule import warm_pool
    name = "xml.dom.pulldom"
    assert name not in sys.modules
    pool = warm_pool(2, (name,))
    try:
        assert len(pool._processes) == 2            # both started, none asked for yet
        seen = [pool.submit(_imported, name).result() for _ in range(6)]
        assert all(present for _, present in seen)
    finally:
        pool.shutdown()
    assert name not in sys.modules                   # imported in the workers only


def test_a_builder_of_tasks_works_before_what_it_needs_and_finishes_after():
    """Its tasks do not take what it needs (the EPUB's text is made while
    the PDF is laid out); its finish does, with the inputs as they are once
    it is made."""
    log = Log(tasks_per_builder=3)
    builders = {"pdf": Fake(), "epub": Fake(needs=("pdf",), tasks=True)}
    pdf_may_end = threading.Event()
    asked: list[tuple] = []

    def slow_pdf(name, *rest):
        assert pdf_may_end.wait(timeout=30)
        return log.build_one(name, *rest)

    def task(name, book, ctx, cache, t):
        if t == "epub2":
            pdf_may_end.set()           # the last task ran while the pdf still worked
        return log.run_task(name, book, ctx, cache, t)

    def args_for(name):
        asked.append((name, tuple(r for r in log.events if r == ("done", "pdf"))))
        return (name, "book", "ctx", "cache", f"inputs after {len(asked)} asks")

    finished = []
    hooks = Hooks(log)

    def finish(result):
        finished.append(result)
        hooks.done(result["name"], result)
    work = log.work()._replace(build_one=slow_pdf, run_task=task)
    Schedule(["pdf", "epub"], args_for, finish, hooks, 2, builders, work,
             pool=lambda j: ThreadPoolExecutor(max_workers=j)).run()
    events = log.events
    assert events.index(("task done", "epub2")) < events.index(("done", "pdf"))
    assert events.index(("done", "pdf")) < events.index(("finish", "epub"))
    assert asked[-1] == ("epub", (("done", "pdf"),))     # its finish's inputs: after the pdf
    assert [r["done"] for r in finished if r["name"] == "epub"] == [
        [(f"epub{k}", f"EPUB{k}") for k in range(3)]]


class _Book:
    """A stand-in Book: picklable, weak-referenceable, with warnings."""
    def __init__(self):
        self.warnings: list[str] = []


def test_a_builder_in_a_worker_that_ran_tasks_has_one_book_alive_not_two(tmp_path, monkeypatch):
    import weakref
    from types import SimpleNamespace

    from pressroom.build import runner
    from pressroom.build.pickles import write_pickle
    from pressroom.builders import BuildContext, Inputs, Result

    path = tmp_path / "book.pickle"
    write_pickle(path, _Book())
    runner._book_at.cache_clear()
    kept = weakref.ref(runner._shared_book(path))          # what the tasks shared
    assert kept() is not None
    seen = {}

    def build(book, ctx, inputs):
        seen["book"], seen["kept"] = book, kept()
        return Result([])
    monkeypatch.setitem(runner.BUILDERS, "b", SimpleNamespace(build=build, provides=()))
    ctx = BuildContext(build_date="2026-01-01", out=tmp_path / "out", state_dir=tmp_path)
    runner.build_one("b", path, ctx, tmp_path / "cache", Inputs())
    assert isinstance(seen["book"], _Book) and seen["kept"] is None
    assert runner._shared_book(path) is not seen["book"]   # tasks after: their own again
    runner._book_at.cache_clear()
