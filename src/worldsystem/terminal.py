"""The terminal display of :mod:`worldsystem.core.progress` (the CLI layer).

:class:`RichReporter` draws the open stages as a rich live display on stderr:
one line per stage, nested stages indented under the stage that opened them, with
a bar and a count when the stage knows its total, the last step's detail (the
year, the section, the EM change) and the time elapsed. The display appears when
the first stage opens and is erased when the last one closes (it is transient),
so nothing of it is left in the scrollback and output written after a stage
(the CSV on stdout) is never mixed with it. Lines other code writes to stderr
while it is shown (warnings, ``wrote ...``) are printed above it.

:func:`display` is what the CLI installs: the rich reporter when stderr is a
terminal and ``quiet`` is false, the silent default otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich import filesize
from rich.errors import LiveError
from rich.progress import ProgressColumn
from rich.text import Text

from worldsystem.core import progress

__all__ = ["RichReporter", "display"]


class RichReporter(progress.Reporter):
    """Draw :mod:`worldsystem.core.progress` stages with ``rich.progress`` on ``console``."""

    def __init__(self, console: Any) -> None:
        self.console = console
        self._bar: Any = None
        self._open = 0
        self._failed = False

    def _progress(self) -> Any:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        return Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(bar_width=24),
            _Count(),
            TextColumn("{task.fields[detail]}", style="dim", markup=False),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            redirect_stdout=False,  # stdout carries the data (CSV): never touch it
            redirect_stderr=True,
        )

    def start(self, name: str, total: float | None, depth: int, unit: str | None = None) -> Any:
        if self._failed:
            return None
        if self._bar is None:
            bar = self._progress()
            try:
                bar.start()
            except LiveError:  # another live display owns the console (older rich): stay quiet
                self._failed = True
                return None
            self._bar = bar
        self._open += 1
        label = "  " * depth + name
        key = self._bar.add_task(label, total=total, detail="", unit=unit)
        self._bar.refresh()  # show a new stage at once (stages are coarse: this is cheap)
        return key

    def update(self, key: Any, done: float, total: float | None, detail: str | None) -> None:
        if key is None or self._bar is None:
            return
        fields = {} if detail is None else {"detail": detail}
        self._bar.update(key, completed=done, total=total, **fields)

    def stop(self, key: Any) -> None:
        if key is None or self._bar is None:
            return
        self._bar.remove_task(key)
        self._open -= 1
        if self._open == 0:
            self.close()

    def close(self) -> None:
        """Erase the display (it reappears with the next stage)."""
        if self._bar is not None:
            bar, self._bar = self._bar, None
            bar.stop()


class _Count(ProgressColumn):
    """``done/total`` of a stage that knows its total (in MB etc. for bytes)."""

    def render(self, task: Any) -> Text:
        if task.fields.get("unit") == "bytes":
            done = filesize.decimal(int(task.completed))
            text = done if task.total is None else f"{done}/{filesize.decimal(int(task.total))}"
            return Text(text, style="progress.download")
        if task.total is None:
            return Text("")
        return Text(f"{int(task.completed)}/{int(task.total)}", style="progress.download")


@contextmanager
def display(*, quiet: bool = False, console: Any = None) -> Iterator[progress.Reporter]:
    """Install the terminal display for the block when ``console`` is a terminal.

    ``console`` defaults to a rich console on stderr. Off a terminal or with
    ``quiet`` the silent default reporter stays in place.
    """
    if console is None:
        from rich.console import Console

        console = Console(stderr=True)
    reporter = None if quiet or not console.is_terminal else RichReporter(console)
    try:
        with progress.use(reporter) as installed:
            yield installed
    finally:
        if reporter is not None:
            reporter.close()
