"""One build at a time per pack, and a pack published together with its checksum.

A build holds an exclusive lock on `.<pack>.build.lock` beside its target for its whole run: a second build
of the same pack stops at once with a clear message instead of racing the first. Publishing (the pack, then
its `.sha256`) happens under an exclusive lock on `.<pack>.publish.lock`, which a reader verifying the
checksum holds shared: a reader sees the old pair or the new pair, never a new pack with an old checksum.
Locks are flock(2) locks, released by the kernel if the process dies."""

from __future__ import annotations

import fcntl
import functools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, ParamSpec, TypeVar

from rxscoop.errors import BuildFailed
from rxscoop.pack import checksum_path, file_sha256

P = ParamSpec("P")
R = TypeVar("R")


def _lock_file(pack: Path, kind: str) -> Path:
    return pack.with_name(f".{pack.name}.{kind}.lock")


@contextmanager
def _locked(path: Path, mode: int) -> Iterator[IO[str] | None]:
    try:
        fh = path.open("a")
    except OSError:  # a read-only folder: nobody can build there either, so there is nothing to wait for
        yield None
        return
    with fh:
        fcntl.flock(fh, mode)
        try:
            yield fh
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


DEAD_HOLDER_SECONDS = 15.0


def _take(fh: IO[str], wait: float = 0.0) -> bool:
    """Take the exclusive lock, trying for up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def build_lock(pack: Path) -> Iterator[None]:
    """Exclusive for the whole build; BuildFailed at once if another build holds it."""
    pack.parent.mkdir(parents=True, exist_ok=True)
    path = _lock_file(pack, "build")
    with path.open("a+") as fh:
        if not _take(fh):
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            # A build that was killed leaves the lock with its worker processes (they inherited it) until they
            # notice and exit, within a second or two: wait for them rather than refuse.
            if not (holder.isdigit() and not _alive(int(holder)) and _take(fh, wait=DEAD_HOLDER_SECONDS)):
                raise BuildFailed(f"another build (pid {holder}) is writing {pack}; wait for it to finish, "
                                  "or build to another --pack")
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def locked_build(build: Callable[P, R]) -> Callable[P, R]:
    """Decorates build_pack(sources, pack_path, ...) to hold the build lock on pack_path while it runs."""

    @functools.wraps(build)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        pack = kwargs.get("pack_path", args[1] if len(args) > 1 else None)
        assert isinstance(pack, Path)
        with build_lock(pack):
            return build(*args, **kwargs)

    return run


def publish(built: Path, pack: Path) -> str:
    """Move a finished pack into place with its checksum, as one step for readers; returns the digest."""
    digest = file_sha256(built)
    side = checksum_path(pack)
    side_tmp = side.with_name(f".{side.name}.{os.getpid()}.tmp")
    side_tmp.write_text(f"{digest}  {pack.name}\n")
    try:
        with _locked(_lock_file(pack, "publish"), fcntl.LOCK_EX):
            os.replace(built, pack)
            os.replace(side_tmp, side)
    finally:
        side_tmp.unlink(missing_ok=True)
    return digest


@contextmanager
def reading(pack: Path) -> Iterator[None]:
    """Held shared while a reader checks a pack against its checksum."""
    with _locked(_lock_file(pack, "publish"), fcntl.LOCK_SH):
        yield
