"""The terminal `verifier review` talks to: one key at a time, a line when it asks, and text made safe to show.

Keys are read in cbreak mode (termios through the stdlib's tty): no echo, no Enter needed, and Ctrl-C still
interrupts. Whatever the draft or the store holds is shown through `printable`, so an ESC in a draft cannot
move the cursor, recolour the screen or retitle the window.
"""

from __future__ import annotations

import os
import termios
import tty
import unicodedata
from collections.abc import Callable

# Control and format characters (ESC, CR, bidi controls, zero-width ones) and line or paragraph separators:
# shown as [U+001B], never sent to the terminal as they are.
UNSAFE = ("Cc", "Cf", "Zl", "Zp")
REVERSE, NORMAL = "\033[7m", "\033[27m"


def printable(text: str) -> str:
    """The text with every control or format character shown as its code point ("[U+001B]"); a tab is a space."""
    return "".join(" " if c == "\t" else f"[U+{ord(c):04X}]" if unicodedata.category(c) in UNSAFE else c
                   for c in text)


def width(text: str) -> int:
    """Columns the (printable) text takes: wide East Asian characters two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def head(text: str, columns: int) -> str:
    """The start of the text that fits in `columns`, with "…" when cut."""
    if width(text) <= columns:
        return text
    out, used = [], 1
    for c in text:
        used += width(c)
        if used > columns:
            break
        out.append(c)
    return "".join(out) + "…"


def tail(text: str, columns: int) -> str:
    """The end of the text that fits in `columns`, with "…" when cut."""
    return head(text[::-1], columns)[::-1]


class Keys:
    """Keys from a terminal, one at a time, while in a `with` block; the terminal's mode is restored after it."""

    def __init__(self, fd: int):
        self.fd = fd
        self.saved: list | None = None

    def __enter__(self) -> Keys:
        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc) -> None:
        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def key(self) -> str:
        """One key press, lower-cased; Ctrl-D or the end of input is "q" (quit), a space "n" (skip). A key that
        sends several bytes (an arrow) is read whole, so it counts once."""
        data = os.read(self.fd, 32)
        if not data or data[:1] == b"\x04":
            return "q"
        if data[:1] == b"\x1b":
            return "\x1b"
        key = data.decode("utf-8", errors="replace")[:1].lower()
        return "n" if key == " " else key

    def line(self, ask: Callable[[], None]) -> str | None:
        """A line typed with the terminal's own editing (Backspace works), or None at Ctrl-D; `ask` shows the
        question once the terminal is back in line mode, so nothing typed after it is read as keys."""
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        ask()
        try:
            data = b""
            while not data.endswith(b"\n"):
                chunk = os.read(self.fd, 4096)
                if not chunk:
                    return None
                data += chunk
            return data.decode("utf-8", errors="replace").rstrip("\r\n")
        finally:
            tty.setcbreak(self.fd)
