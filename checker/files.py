"""Safe file access: every byte zhcheck reads or writes goes through here.

Reading: only regular files (a FIFO, device or socket is refused before it is opened,
so nothing blocks and nothing is read without end), with the size limit enforced
while reading (`st_size` is not trusted: it can grow, and devices report 0).

Writing: a new file is created next to the target through a held directory
descriptor (anonymous with O_TMPFILE where the kernel has it, else an unpredictable
name opened with O_EXCL|O_NOFOLLOW, so a symbolic link planted at a temporary name
is never written through), synced, and renamed over the target. The temporary file
is removed on every exit path; the deadly signals (TERM, INT, HUP, QUIT) are held
back while a named temporary file exists.

`PinnedFile` is the file `zhcheck fix` rewrites: reached without following a symbolic
link below the root it was found in, re-checked (identity, size, mtime, content hash)
just before the rename, and given the owner, group and mode it had.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from zhcheck.errors import InputError

#: how much is read per system call
_CHUNK = 1 << 20
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
#: signals that would end the process while a temporary file has a name
_DEADLY = tuple(getattr(signal, s) for s in ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT") if hasattr(signal, s))
TEMP_SUFFIX = ".zhcheck-tmp"


def printable(path: str) -> str:
    """`path` as text any output can carry: the bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates) shown as `\\xNN`."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def kind(mode: int) -> str:
    """What a file of this st_mode is, in words."""
    for test, name in (
        (stat.S_ISREG, "regular file"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISLNK, "symbolic link"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def _refuse_irregular(st: os.stat_result) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"not a regular file ({kind(st.st_mode)})")


def too_large(size: int | None, max_bytes: int) -> InputError:
    shown = f"{size / 1048576:.1f} MiB" if size is not None else "more"
    return InputError(
        f"file too large ({shown} > {max_bytes / 1048576:.0f} MiB limit; raise max-file-size in the config)"
    )


def _os_error(exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError("no such file")
    if exc.errno == errno.ELOOP:
        return InputError("is a symbolic link, not followed")
    return InputError(exc.strerror or str(exc))


def read_limited(fd: int, max_bytes: int) -> bytes:
    """Everything readable from `fd`, refusing more than `max_bytes`."""
    buf = bytearray()
    while True:
        chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > max_bytes:
            raise too_large(None, max_bytes)


def read_stream(stream: BinaryIO, max_bytes: int) -> bytes:
    """A stream's content (standard input), refusing more than `max_bytes`."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(None, max_bytes)
    return data


def read_regular(
    path: str, max_bytes: int, *, dir_fd: int | None = None, follow_symlinks: bool = True
) -> tuple[bytes, os.stat_result]:
    """The content of the regular file at `path` and its status; raises InputError with a
    one-line reason for anything else (missing, a FIFO or device, too large, unreadable)."""
    try:
        before = os.stat(path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
    except OSError as exc:
        raise _os_error(exc) from None
    _refuse_irregular(before)  # before opening: opening a FIFO or a device has effects
    if before.st_size > max_bytes:
        raise too_large(before.st_size, max_bytes)
    flags = os.O_RDONLY | _O_CLOEXEC | _O_NONBLOCK | _O_NOCTTY | (0 if follow_symlinks else _O_NOFOLLOW)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError as exc:
        raise _os_error(exc) from None
    try:
        st = os.fstat(fd)
        _refuse_irregular(st)  # swapped for something else since the stat
        return read_limited(fd, max_bytes), st
    except OSError as exc:
        raise _os_error(exc) from None
    finally:
        os.close(fd)


# --- writing --------------------------------------------------------------------------


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back the deadly signals (delivered when the block ends), main thread only."""
    if not _DEADLY or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEADLY)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class OwnershipError(PermissionError):
    """The new file cannot be given the owner or group asked for."""


@dataclass(frozen=True)
class Ownership:
    """What a replaced file keeps: permission bits, owner and group (None: the writer's)."""

    mode: int
    uid: int | None = None
    gid: int | None = None


def _new_temp(dir_fd: int, name: str) -> tuple[int, str | None]:
    """An open file for writing in the directory: (fd, None) when anonymous (O_TMPFILE),
    else (fd, its name), created with O_EXCL|O_NOFOLLOW under a name nobody can guess."""
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if tmpfile and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(".", tmpfile | os.O_WRONLY | _O_CLOEXEC, 0o600, dir_fd=dir_fd), None
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise
    for _ in range(100):
        tmp = f".{name[:100]}.{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
            return os.open(tmp, flags, 0o600, dir_fd=dir_fd), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "cannot create a temporary file")


def _link_temp(fd: int, dir_fd: int, name: str) -> str:
    """Give an anonymous (O_TMPFILE) file a fresh name in the directory."""
    for _ in range(100):
        tmp = f".{name[:100]}.{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            os.link(f"/proc/self/fd/{fd}", tmp, dst_dir_fd=dir_fd, follow_symlinks=True)
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "cannot name the temporary file")


def replace_in(dir_fd: int, name: str, data: bytes, owner: Ownership, verify: Callable[[], None] | None = None) -> None:
    """Atomically replace (or create) `name` in the directory `dir_fd` with `data`.

    The new file gets `owner`'s mode, and its uid/gid when given (PermissionError when
    they cannot be set). `verify`, if given, is called just before the rename and may
    raise to abort (the target is then untouched). No temporary file survives.
    """
    with _signals_held():
        fd, tmp = _new_temp(dir_fd, name)
        try:
            _write_all(fd, data)
            if owner.uid is not None or owner.gid is not None:
                st = os.fstat(fd)
                uid = -1 if owner.uid in (None, st.st_uid) else owner.uid
                gid = -1 if owner.gid in (None, st.st_gid) else owner.gid
                if uid != -1 or gid != -1:
                    try:
                        os.fchown(fd, uid, gid)
                    except PermissionError as exc:
                        raise OwnershipError(exc.errno, exc.strerror) from None
            os.fchmod(fd, owner.mode)  # after chown, which clears the set-id bits
            os.fsync(fd)
            if verify is not None:
                verify()
            if tmp is None:  # named only now: a kill -9 before this leaves nothing behind
                tmp = _link_temp(fd, dir_fd, name)
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            tmp = None
        finally:
            os.close(fd)
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp, dir_fd=dir_fd)
    with contextlib.suppress(OSError):
        os.fsync(dir_fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[:_CHUNK]) :]


def open_dir(path: str) -> int:
    """A descriptor of the directory `path` (following links: the caller named it)."""
    return os.open(path or ".", os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC)


def write_atomic(path: str | os.PathLike[str], data: bytes, mode: int = 0o644) -> None:
    """Create or replace the file at `path` (zhcheck's own caches) atomically, never through a
    link planted at a temporary name. Raises OSError."""
    path = os.fspath(path)
    dir_fd = open_dir(os.path.dirname(path))
    try:
        replace_in(dir_fd, os.path.basename(path), data, Ownership(mode))
    finally:
        os.close(dir_fd)


def write_output(path: str, data: bytes) -> None:
    """Write a report or baseline to `path` as a whole or not at all.

    A link the user gave is followed like a shell redirection would (`-o /dev/stdout`);
    a FIFO or device at the end is written to directly; a regular file (or none) is
    replaced atomically, keeping its permission bits (new files: 0666 minus umask).
    Raises OSError.
    """
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        fd = os.open(target, os.O_WRONLY | _O_CLOEXEC | _O_NOCTTY)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        return
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    dir_fd = open_dir(os.path.dirname(target))
    try:
        replace_in(dir_fd, os.path.basename(target), data, Ownership(mode))
    finally:
        os.close(dir_fd)


def create_exclusive(path: str, data: bytes, mode: int = 0o644) -> None:
    """Create a small file that does not exist yet (never through a link); no error if it does."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC, mode)
    except FileExistsError:
        return
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


# --- the file `fix` rewrites ----------------------------------------------------------------


class FileChanged(InputError):
    """The file changed between reading and replacing it."""


@dataclass(frozen=True)
class Snapshot:
    """What a file was when read: identity, size, mtime and a hash of its content."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> Snapshot:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).digest())

    def same_file(self, st: os.stat_result) -> bool:
        return (self.dev, self.ino, self.size, self.mtime_ns) == (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class PinnedFile:
    """A regular file reached through a held directory descriptor.

    Found in a walk below `root`, every directory on the way is opened without following
    a symbolic link, so the file cannot lie outside the root; named on its own, its link
    (if any) is resolved once. The file itself is never a link. `read` records a
    Snapshot; `replace` re-checks it just before the rename and keeps owner, group and mode.
    """

    def __init__(self, path: str, root: str | None = None) -> None:
        self.path = path
        self.snapshot: Snapshot | None = None
        self._stat: os.stat_result | None = None
        self._max_bytes = 0
        if root is None:
            real = os.path.realpath(path)
            parent, self.name = os.path.split(real)
            parts: list[str] = []
        else:
            rel = os.path.relpath(path, root)
            *parts, self.name = rel.split(os.sep)
            if rel.startswith(os.pardir) or os.path.isabs(rel):
                raise InputError(f"outside {root}, not rewritten")
            parent = root
        try:
            self.dir_fd = open_dir(parent)
        except OSError as exc:
            raise _os_error(exc) from None
        try:
            for part in parts:  # a directory swapped for a link on the way fails with ELOOP/ENOTDIR
                fd = os.open(part, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC, dir_fd=self.dir_fd)
                os.close(self.dir_fd)
                self.dir_fd = fd
        except OSError:
            os.close(self.dir_fd)
            raise InputError(f"a directory on the way is a symbolic link or was replaced; outside {root}") from None

    def close(self) -> None:
        if self.dir_fd >= 0:
            os.close(self.dir_fd)
            self.dir_fd = -1

    def __enter__(self) -> PinnedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, max_bytes: int) -> bytes:
        data, st = read_regular(self.name, max_bytes, dir_fd=self.dir_fd, follow_symlinks=False)
        self.snapshot, self._stat, self._max_bytes = Snapshot.of(st, data), st, max_bytes
        return data

    def why_not_writable(self) -> str | None:
        """Why rewriting the file would surprise its owner (read-only, hard-linked), or None."""
        st = self._stat
        assert st is not None, "read() first"
        if not st.st_mode & 0o222 or not os.access(self.name, os.W_OK, dir_fd=self.dir_fd, follow_symlinks=False):
            return "read-only file"
        if st.st_nlink > 1:
            return f"has {st.st_nlink} hard links (rewriting would split them)"
        return None

    def _verify_unchanged(self) -> None:
        assert self.snapshot is not None
        changed = FileChanged("changed on disk while it was being fixed; left as it is now (run fix again)")
        try:
            st = os.stat(self.name, dir_fd=self.dir_fd, follow_symlinks=False)
            if not self.snapshot.same_file(st):
                raise changed
            data, _ = read_regular(self.name, self._max_bytes, dir_fd=self.dir_fd, follow_symlinks=False)
        except InputError:
            raise changed from None
        if Snapshot.of(st, data) != self.snapshot:
            raise changed

    def replace(self, data: bytes) -> None:
        """Replace the file's content atomically, as the same owner, group and mode.

        Raises FileChanged when the file is no longer what `read` saw, InputError when
        its owner or group cannot be kept, OSError on write errors.
        """
        st = self._stat
        assert st is not None, "read() first"
        owner = Ownership(stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid)
        try:
            replace_in(self.dir_fd, self.name, data, owner, verify=self._verify_unchanged)
        except OwnershipError:
            raise InputError(
                f"cannot give the rewritten file its owner and group ({st.st_uid}:{st.st_gid}); not rewritten"
            ) from None
