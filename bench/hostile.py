"""The hostile-input check of issue 15, run the way a user would: the installed CLI.

Every case builds its own inputs in a temporary folder, runs ``.venv/bin/copydesk`` in
subprocesses and checks what the issue asks: good documents beside bad ones come out,
nothing is emptied or cut without a word, no traceback, error lines that name the input,
an honest exit code, under 1 GB of memory and no hang. A case that cannot be checked here
(a root-only trick that is not available) is a SKIP with its reason, never a PASS.

    .venv/bin/python bench/hostile.py            # every case
    .venv/bin/python bench/hostile.py -k warc    # the cases whose name holds "warc"
    .venv/bin/python bench/hostile.py --list

Prints one line per case (PASS/FAIL/SKIP, name, seconds, peak MiB, reason), then
"N passed, M failed, K skipped"; exits 1 when any case failed.
"""

from __future__ import annotations

import argparse
import os
import pty
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _hostile_cases import CASES, Fail, Result, Skip

ROOT = Path(__file__).resolve().parent.parent
COPYDESK = ROOT / ".venv" / "bin" / "copydesk"
MEMORY_LIMIT_MIB = 1024
# Runs the command and writes the peak resident size of its process tree (KiB) to argv[1]:
# RUSAGE_CHILDREN holds the largest of the waited-for descendants.
MEASURE = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(str(peak))\n"
    "sys.exit(rc if rc >= 0 else 128 - rc)\n"
)
# Root reads through chmod 000; without these two capabilities it obeys the mode bits.
CONFINED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@dataclass
class Running:
    """A started command, so that a case can run two at once."""

    label: str
    process: subprocess.Popen[bytes]
    peak_file: Path
    started: float
    timeout: float
    stdin: bytes | None
    terminal: int | None  # the pty's reading end when stdout is a terminal


@dataclass
class Context:
    """What a case gets: its own folder, a way to run the CLI, and the shared inputs."""

    dir: Path
    session: Path
    timeout: float
    cache: dict[str, object]
    copydesk: Path = COPYDESK
    runs: list[Result] = field(default_factory=list)

    def run(self, *args: str, **options: object) -> Result:
        return self.wait(self.start(*args, **options))

    def start(
        self,
        *args: str,
        stdin: bytes | None = None,
        cwd: Path | None = None,
        timeout: float | None = None,
        confined: bool = False,
        tty: bool = False,
    ) -> Running:
        """Start ``copydesk ARGS``; ``confined`` drops root's right to ignore file modes,
        ``tty`` gives it a terminal as stdout (click strips escapes only on a pipe)."""
        peak_file = Path(tempfile.mktemp(dir=self.session, prefix="peak-"))
        command = [*(CONFINED if confined else []), str(self.copydesk), *args]
        terminal, stdout = pty.openpty() if tty else (None, subprocess.PIPE)
        env = dict(os.environ, HOME=str(self.dir), PYTHONUNBUFFERED="1")
        process = subprocess.Popen(
            [sys.executable, "-c", MEASURE, str(peak_file), *command],
            cwd=cwd or self.dir,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group, so a hang can be ended whole
        )
        if terminal is not None:
            os.close(stdout)
        label = "copydesk " + " ".join(_short(arg) for arg in args)
        limit = timeout or self.timeout
        return Running(label, process, peak_file, time.perf_counter(), limit, stdin, terminal)

    def wait(self, running: Running) -> Result:
        screen = _ScreenReader(running.terminal) if running.terminal is not None else None
        try:
            out, err = running.process.communicate(running.stdin, timeout=running.timeout)
            hung = False
        except subprocess.TimeoutExpired:
            os.killpg(running.process.pid, signal.SIGKILL)
            out, err = running.process.communicate()
            hung = True
        if screen is not None:
            out = screen.collect()
        seconds = time.perf_counter() - running.started
        peak = _peak_mib(running.peak_file)
        result = Result(running.label, running.process.returncode, out, err, seconds, peak)
        self.runs.append(result)
        if hung:
            raise Fail(f"{running.label}: no answer after {running.timeout:.0f} s (hang)")
        if "Traceback (most recent call last)" in result.err:
            raise Fail(f"{running.label}: traceback on stderr: {_last_line(result.err)}")
        if peak > MEMORY_LIMIT_MIB:
            raise Fail(f"{running.label}: peak memory {peak:.0f} MiB > {MEMORY_LIMIT_MIB} MiB")
        return result

    def shared(self, name: str, build: Callable[[Context], Path]) -> Path:
        """An input built once per session (a query corpus); a failed build fails each user."""
        if name not in self.cache:
            try:
                folder = self.session / name
                folder.mkdir()
                helper = Context(folder, self.session, self.timeout, self.cache, self.copydesk)
                helper.runs = self.runs
                self.cache[name] = build(helper)
            except Fail as exc:
                self.cache[name] = Fail(f"could not build the shared input {name!r}: {exc}")
        value = self.cache[name]
        if isinstance(value, Fail):
            raise value
        assert isinstance(value, Path)
        return value


class _ScreenReader(threading.Thread):
    """Drains a pty while the command runs, so a long table cannot block it."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd, self.data = fd, bytearray()
        self.start()

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not chunk:
                break
            self.data += chunk

    def collect(self) -> bytes:
        self.join(timeout=5)
        os.close(self.fd)
        return bytes(self.data).replace(b"\r\n", b"\n")


def _short(arg: str) -> str:
    text = arg if len(arg) <= 60 else arg[:57] + "..."
    return repr(text) if any(c in text for c in " '\"()*#?") or not text else text


def _peak_mib(path: Path) -> float:
    try:
        return int(path.read_text()) / 1024
    except (OSError, ValueError):
        return 0.0


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def run_case(
    name: str,
    check: Callable[[Context], None],
    session: Path,
    timeout: float,
    cache: dict[str, object],
    copydesk: Path,
) -> tuple[str, str, float, float]:
    folder = session / name
    folder.mkdir()
    context = Context(folder, session, timeout, cache, copydesk)
    started = time.perf_counter()
    try:
        check(context)
        status, reason = "PASS", ""
    except Fail as exc:
        status, reason = "FAIL", str(exc)
    except Skip as exc:
        status, reason = "SKIP", str(exc)
    except Exception as exc:  # a bug in the check itself is a failure, shown plainly
        status, reason = "FAIL", f"the check itself broke: {type(exc).__name__}: {exc}"
    finally:
        _unlock(folder)
    seconds = time.perf_counter() - started
    peak = max((run.peak_mib for run in context.runs), default=0.0)
    return status, reason, seconds, peak


def _unlock(folder: Path) -> None:
    """Give back permissions a case took away, so the folder can be removed."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="pattern", default="", help="only cases whose name has this")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--timeout", type=float, default=120.0, help="hard limit per command")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--copydesk", type=Path, default=COPYDESK, help="the CLI to check")
    options = parser.parse_args(argv)
    chosen = {name: check for name, check in CASES.items() if options.pattern in name}
    if options.list:
        for name, check in chosen.items():
            print(f"{name:32} {(check.__doc__ or '').strip().splitlines()[0]}")
        return 0
    if not options.copydesk.exists():
        print(f"{options.copydesk} is missing: run `make install` first", file=sys.stderr)
        return 2
    session = Path(tempfile.mkdtemp(prefix="copydesk-hostile-"))
    cache: dict[str, object] = {}
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    try:
        for name, check in chosen.items():
            status, reason, seconds, peak = run_case(
                name, check, session, options.timeout, cache, options.copydesk.resolve()
            )
            counts[status] += 1
            line = f"{status}  {name:32} {seconds:7.1f} s {peak:6.0f} MiB"
            print(f"{line}  {reason}" if reason else line, flush=True)
    finally:
        if options.keep:
            print(f"inputs kept in {session}")
        else:
            _unlock(session)
            shutil.rmtree(session, ignore_errors=True)
    print(f"{counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
