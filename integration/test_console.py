"""jupyter console, driven through a terminal: multi-line Go input relies on
is_complete_request."""

import os

import pexpect

from kernel_helpers import TIMEOUT

# Terminal escapes that may stand between the characters of a prompt.
_ESC = r"(?:\x1b\[[0-9;?]*[a-zA-Z])*"


def prompt(kind, n):
    """A regex for "In [n]:" or "Out[n]:" as the console colours it."""
    return r"%s%s\[%s%d%s\]:" % (kind, _ESC, _ESC, n, _ESC)


def test_console_multiline_input(gopar_env):
    env = dict(os.environ, TERM="xterm")
    child = pexpect.spawn(
        "jupyter-console", ["--kernel", "gopar"],
        env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200),
    )
    try:
        child.expect(prompt("In ", 1))
        child.sendline("func twice(x int) int {")
        # The kernel says the input goes on: the console asks for more.
        child.expect(r"\.\.\.:")
        child.sendline("return 2 * x")
        child.expect(r"\.\.\.:")
        child.sendline("}")
        child.expect(prompt("In ", 2))
        child.sendline("twice(21)")
        child.expect(prompt("Out", 2) + r" *" + _ESC + "42")
        child.expect(prompt("In ", 3))
        child.sendline("xs := []int{1,")
        child.expect(r"\.\.\.:")
        child.sendline("2, 3}")
        child.expect(prompt("In ", 4))
        child.sendline("len(xs)")
        child.expect(prompt("Out", 4) + r" *" + _ESC + "3")
        child.expect(prompt("In ", 5))
    finally:
        # Ctrl-D, confirmed, ends the console and shuts its kernel down. (A
        # line "exit" is Go code to the kernel: the console, killed after
        # waiting for it, left its kernel running.)
        child.sendcontrol("d")
        if child.expect([r"exit \(\[y\]/n\)\?", pexpect.EOF, pexpect.TIMEOUT], timeout=10) == 0:
            child.sendline("y")
            child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=10)
        child.close(force=True)
