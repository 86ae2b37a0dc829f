"""Spread a build's slow, independent steps (converting Markdown, rendering pages) over
every core, with the same results, in the same order, as doing them one by one.

Workers are forked from the build process, so they start at once with everything the
build has already read and set up; a job is just an index into data they already hold.
Where forking is unsafe or pointless (one core, few jobs, a platform without fork, a
process running other threads such as `cswgen serve`), the jobs run in this process.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from multiprocessing import connection
from multiprocessing.connection import Connection
from typing import TypeVar, cast

T = TypeVar("T")

MIN_JOBS = 200  # below this, starting workers costs more than it saves
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends
OOM_ADJUST = "/proc/self/oom_score_adj"  # Linux: -1000 (never killed) to 1000 (killed first)
OOM_FIRST = 500  # added to a helper's: the kernel's out-of-memory killer ends it before the build


class Killed(Exception):
    """A helper ended by a signal before it sent what it was doing: most often SIGKILL from
    the kernel, whose out-of-memory killer ends the process that takes the most memory (a
    template looping over a huge range, a photo too big for the computer).  `index`: the
    task it was at (None: not known).  Its work is not done again in the build's own
    process, which would then be the one killed, with no word said."""

    def __init__(self, index: int | None, signal_number: int) -> None:
        self.index, self.signal_number = index, signal_number
        super().__init__(index, signal_number)

    def said(self, doing: str, hint: str = "") -> str:
        """What to tell the user: `doing`, what the helper was doing ("rendering
        about/index.html"); `hint`, a likely cause of the user's to look at first."""
        try:
            name = f", {signal.Signals(self.signal_number).name}"
        except ValueError:
            name = ""
        return (f"a worker process {doing} was killed (signal {self.signal_number}{name}); "
                "most often the system ends one when the computer runs out of memory. "
                f"{hint}Close other programs, or build on a computer with more memory, "
                "then run it again.")


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(task: Callable[[int], T], count: int) -> list[T]:
    """`[task(0), task(1), ..., task(count - 1)]`, computed on every core when worth it.
    An exception raised by a task is raised here, as if the tasks had run in order."""
    return list(each(task, count))


def heavy(task: Callable[[int], T], count: int) -> list[T]:
    """`run` for jobs that each take a good part of a second (a photo, a share image):
    on every core from two jobs up, handed out one at a time."""
    return list(_each(task, count, min_jobs=2, chunk=1))


def started(task: Callable[[int], T], count: int) -> Callable[[], list[T]]:
    """`heavy`, begun now beside this process: the function returned waits for
    `[task(0), ..., task(count - 1)]` (what a task raised is raised there, as if the tasks
    had run in order), so that this process can do other work meanwhile (render the pages
    while the photos are made).  The helpers take one job at a time; no thread runs here
    meanwhile, so this process may still start helpers of its own.  Where forking is
    unsafe or pointless, the tasks run when the result is asked for.  What a task returns
    or raises must pickle."""
    if count < 2 or not _can_fork():
        return lambda: [task(i) for i in range(count)]
    helpers = _Helpers(task, [range(i, i + 1) for i in range(count)])
    outcome: list[list[T] | BaseException] = []  # (asked again, it is what was found)

    def result() -> list[T]:
        if not outcome:
            try:
                outcome.append([cast(T, helpers.result(i)[0]) for i in range(count)])
            except BaseException as exc:
                outcome.append(exc)
            finally:
                helpers.stop()
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    return result


def each(task: Callable[[int], T], count: int) -> Iterator[T]:
    """`task(0)`, `task(1)`, ... in order, each as soon as it is ready, computed on every
    core when worth it: this process can use one result (write it to disk, say) while the
    helpers compute the next."""
    return _each(task, count, min_jobs=MIN_JOBS, chunk=0)


def _each(task: Callable[[int], T], count: int, *, min_jobs: int,
          chunk: int) -> Iterator[T]:
    """`each`, with jobs handed out `chunk` at a time (0: a share of the jobs that keeps
    every helper busy to the end)."""
    if count < min_jobs or not _can_fork():
        yield from (task(i) for i in range(count))
        return
    chunk = chunk or max(1, min(64, count // (workers() * 8)))
    slices = [range(i, min(i + chunk, count)) for i in range(0, count, chunk)]
    helpers = _Helpers(task, slices)
    try:
        for index in range(len(slices)):
            yield from cast(list[T], helpers.result(index))
    finally:
        helpers.stop()


def _can_fork() -> bool:
    """Whether helpers can be forked, and are worth it: not on one core, nor where fork is
    missing, nor in a process running other threads (`cswgen serve`): a thread holding a
    lock at the fork leaves it held for good in the child."""
    return (workers() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


class _Helpers:
    """Jobs, each the tasks of one of `slices` (`[task(i) for i in slices[job]]`), done by
    forked helpers (one per core), each taking the next job nobody has taken and sending
    its results down a pipe of its own.  Plain processes and pipes, no
    `multiprocessing.Pool`: on Ctrl-C a pool could hang in its own threads, or start a new
    worker as the build ended that outlived it.  A helper killed (see `Killed`) is said
    to have been, with the task it was at, which each notes in shared memory."""

    def __init__(self, task: Callable[[int], object], slices: list[range]) -> None:
        self.task = task
        self.slices = slices
        self.count = len(slices)
        self.found: dict[int, tuple[bool, object]] = {}
        self.receivers: list[Connection] = []  # those still open
        self.pipes: list[Connection] = []  # helper number -> its pipe
        self.processes: list[multiprocessing.process.BaseProcess] = []
        context = multiprocessing.get_context("fork")
        self.taken = context.Value("i", 0)  # how many jobs have been taken
        helpers = min(workers(), self.count)
        self.doing = context.Array("q", [-1] * helpers, lock=False)  # each one's task
        self.parent = os.getpid()
        # What this process holds is left out of the helpers' cycle collection, so that
        # they do not copy its memory by scanning it; they collect what they make.
        gc.freeze()
        try:
            with _ctrl_c_held():
                for number in range(helpers):
                    receive, send = context.Pipe(duplex=False)
                    process = context.Process(target=self._work, args=(send, number),
                                              daemon=True)  # never outlives the build
                    process.start()
                    send.close()
                    self.receivers.append(receive)
                    self.pipes.append(receive)
                    self.processes.append(process)
        except BaseException:  # (Ctrl-C, held until the helpers started, lands here)
            self.stop()
            raise
        finally:
            gc.unfreeze()

    def _work(self, send: Connection, number: int) -> None:
        _forked(self.parent)
        while True:
            with self.taken.get_lock():
                index = self.taken.value
                self.taken.value += 1
            if index >= self.count:
                break
            try:
                results = []
                for task in self.slices[index]:
                    self.doing[number] = task
                    results.append(self.task(task))
                send.send((index, True, results))
            except BaseException as exc:  # handed to the parent as it is
                send.send((index, False, exc))
            self.doing[number] = -1
        send.close()

    def result(self, index: int) -> list[object]:
        """What job `index`'s tasks returned (what one raised is raised), waiting for it;
        raises `Killed` as soon as a helper is found killed."""
        while index not in self.found and self.receivers:
            for ready in connection.wait(self.receivers):
                assert isinstance(ready, Connection)
                try:
                    done, ok, value = ready.recv()
                except EOFError:  # that helper is done (or died: see `_ended`)
                    self.receivers.remove(ready)
                    ready.close()
                    self._ended(ready)
                else:
                    self.found[done] = (ok, value)
        if index not in self.found:  # its helper failed some other way: do it here
            return [self.task(task) for task in self.slices[index]]
        ok, value = self.found.pop(index)
        if not ok:
            raise cast(BaseException, value)
        return cast(list[object], value)

    def _ended(self, receiver: Connection) -> None:
        """Raise `Killed` if the helper that sent down `receiver` was killed."""
        number = self.pipes.index(receiver)
        process = self.processes[number]
        process.join()
        if process.exitcode is not None and process.exitcode < 0:
            task = self.doing[number]
            raise Killed(task if task >= 0 else None, -process.exitcode)

    def stop(self) -> None:
        """End the helpers: at once if they are still at work (the build stopped)."""
        for process in self.processes:
            if process.is_alive() and self.receivers:
                process.terminate()
            process.join()
        for receive in self.receivers:
            receive.close()
        self.receivers = []


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back while helpers are forked (a helper only learns to leave it to
    this process once it runs; see `_forked`), and delivered here afterwards."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def soon(task: Callable[[], T]) -> Callable[[], T]:
    """Start `task()` in a forked process now, beside the build; the function returned
    waits for its result (or, where forking is unsafe or pointless, runs it then).  For
    work that waits on the disk more than on Python, such as surveying the output folder
    while the sources are read.  What it returns must pickle; what it raises is raised.
    The result is fetched once and kept: call the function as often as needed."""
    [result] = soon_each([task])
    return cast(Callable[[], T], result)


def soon_each(tasks: Sequence[Callable[[], object]]) -> list[Callable[[], object]]:
    """`soon` for several tasks, done one after the other in one forked process, each
    result sent as soon as it is made: so that the first is ready early, and the others,
    needed later, take no core from this process meanwhile (on two cores, a process each
    slowed the build down while it loaded its own data).  A child killed before it sent
    a result raises `Killed` for that task and every later one."""
    if not _can_fork():
        return list(tasks)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    parent = os.getpid()

    def child() -> None:
        _forked(parent)
        for task in tasks:
            try:
                send.send((True, task()))
            except BaseException as exc:  # handed to the parent as it is
                send.send((False, exc))

    process = context.Process(target=child, daemon=True)  # never outlives the build
    with _ctrl_c_held():
        process.start()
    send.close()

    found: list[tuple[bool, object]] = []

    def result(index: int) -> object:
        while len(found) <= index:
            try:
                found.append(receive.recv())
            except EOFError:  # the child died
                process.join()
                code = process.exitcode or 0
                # killed (out of memory?): said, for this task and every later one; else
                # (a failure of its own) done here instead
                found.append((False, Killed(len(found), -code)) if code < 0
                             else _here(tasks[len(found)]))
            if len(found) == len(tasks):
                process.join()
                receive.close()
        ok, value = found[index]
        if not ok:
            raise cast(BaseException, value)
        return value

    return [partial(result, index) for index in range(len(tasks))]


def _here(task: Callable[[], object]) -> tuple[bool, object]:
    try:
        return True, task()
    except Exception as exc:  # (raised when its result is asked for, as from the child)
        return False, exc


class Background:
    """Jobs run beside a process that must stay responsive (`cswgen serve`): each in a
    forked process of its own, as many at once as there are cores, started and reaped by
    `poll()`, which never waits.  What a job returns or raises is not kept: it leaves its
    result on disk.  Where forking is unsafe (another thread runs) or impossible, `poll()`
    runs one job itself instead."""

    def __init__(self) -> None:
        self.waiting: dict[str, Callable[[], object]] = {}
        self.running: dict[str, multiprocessing.process.BaseProcess] = {}

    def start(self, name: str, job: Callable[[], object]) -> None:
        """Run `job`, unless one of that name is waiting or running."""
        if name not in self:
            self.waiting[name] = job

    def __contains__(self, name: str) -> bool:
        return name in self.waiting or name in self.running

    @property
    def busy(self) -> bool:
        return bool(self.waiting or self.running)

    def poll(self) -> int:
        """Reap the jobs that ended and start waiting ones; returns how many ended."""
        ended = [name for name, p in self.running.items() if not p.is_alive()]
        for name in ended:
            self.running.pop(name).join()
        if self.waiting and (threading.active_count() > 1
                             or "fork" not in multiprocessing.get_all_start_methods()):
            name = next(iter(self.waiting))
            _quietly(self.waiting.pop(name))
            return len(ended) + 1
        context = multiprocessing.get_context("fork")
        while self.waiting and len(self.running) < workers():
            name = next(iter(self.waiting))
            process = context.Process(target=_aside, args=(self.waiting.pop(name),
                                                           os.getpid()),
                                      daemon=True)  # never outlives the server
            with _ctrl_c_held():
                process.start()
                self.running[name] = process  # (stopped with the server, even on Ctrl-C)
        return len(ended)

    def stop(self) -> None:
        self.waiting = {}
        for process in self.running.values():
            process.terminate()
            process.join()
        self.running = {}


def _forked(parent: int) -> None:
    """Set up a forked helper of the process `parent`.  It collects its own cycles (a
    build may have paused the collector) but not the parent's, and it leaves Ctrl-C to
    the process that started it, which stops its helpers itself: a pool worker that died of
    KeyboardInterrupt was replaced by the pool at once, and the new one, started as the
    build ended, outlived it, holding the terminal's pipes open.  Being stopped
    (SIGTERM, as `Background.stop` does) ends it at once, as it would any program: not
    through a handler of its parent's (`cswgen serve` turns SIGTERM into
    KeyboardInterrupt), which printed a traceback for each helper.  And it ends with its
    parent, whatever ends that (see `_ended_with`)."""
    _ended_with(parent)
    # what it inherits is the parent's and lives as long as it does: set aside, never
    # scanned here (a scan writes into every object it looks at, which copies each page
    # of the parent's memory: a feed made beside a build at 10,000 entries took 0.4 s,
    # not the 0.06 s it takes in the build), while what it makes itself is collected
    gc.freeze()
    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (see `_ctrl_c_held`)


def _ended_with(parent: int) -> None:
    """Have the kernel end this helper when its parent ends (Linux): a build killed with
    SIGKILL (the machine out of memory, a CI job cancelled) cannot stop its helpers, and
    they would never end on their own: a helper blocks for good sending down a full pipe
    whose reading end it, or a helper forked after it, still holds.  Elsewhere (macOS,
    where SIGKILL is rare) the parent's own `stop` is all there is.

    And have the kernel's out-of-memory killer end this helper before its parent: the
    parent then says what was lost (see `Killed`), where its own end would say nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # (in the helper only: the build never loads it)

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above: end now
        os._exit(1)
    # (raising it needs no privilege)
    with contextlib.suppress(OSError, ValueError), open(OOM_ADJUST, "r+") as adjust:
        raised = min(1000, int(adjust.read()) + OOM_FIRST)
        adjust.seek(0)
        adjust.write(str(raised))


def _aside(job: Callable[[], object], parent: int) -> None:
    """`job` in a background process, at a lower priority than the server that started
    it: pages and rebuilds are served first, and the jobs take the cores left over."""
    _forked(parent)  # (the server stops its jobs itself)
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    _quietly(job)


def _quietly(job: Callable[[], object]) -> None:
    """Run `job`; a failure is left for whoever needs its result to find and report."""
    with contextlib.suppress(Exception):  # (the build that needs it makes it again, and
        job()                              # says why it cannot)
