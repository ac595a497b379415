"""Helpers shared by the gopar integration tests.

Everything here talks to a real gopar kernel process, either through
jupyter_client (KernelManager + BlockingKernelClient) or through raw ZeroMQ
sockets when a test needs to send frames jupyter_client would never produce.
"""

import datetime
import hashlib
import hmac
import json
import os
import time
import uuid
from queue import Empty

import zmq
from jupyter_client.manager import KernelManager

KERNEL_NAME = "gopar"
DELIM = b"<IDS|MSG>"

# Generous default for anything that should be quick but runs on a loaded CI box.
TIMEOUT = 30


class Kernel:
    """A started gopar kernel plus a connected BlockingKernelClient."""

    def __init__(self, startup_timeout=60, kernel_name=KERNEL_NAME, **manager_options):
        self._iopub_stash = []
        self._shell_stash = []
        self.km = KernelManager(kernel_name=kernel_name, **manager_options)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=startup_timeout)
        except Exception:
            self.close()
            raise
        self.settle()

    # ---------------------------------------------------------------- lifecycle

    @property
    def pid(self):
        return self.km.provisioner.process.pid

    def is_alive(self):
        proc = self.km.provisioner.process if self.km.provisioner else None
        return proc is not None and proc.poll() is None

    def close(self):
        try:
            self.kc.stop_channels()
            self.kc.context.destroy(linger=0)
        except Exception:
            pass
        try:
            if self.km.has_kernel:
                if self.is_alive():
                    self.km.shutdown_kernel(now=False)
                else:
                    self.km.shutdown_kernel(now=True)
        except Exception:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:
                pass

    def connection(self):
        """The connection file as a dict (key is a str)."""
        with open(self.km.connection_file) as f:
            return json.load(f)

    def url(self, channel):
        info = self.connection()
        port = info[channel + "_port"]
        if info.get("transport", "tcp") == "ipc":
            return "ipc://%s-%d" % (info["ip"], port)
        return "tcp://%s:%d" % (info["ip"], port)

    # ------------------------------------------------------------------ reading

    def settle(self, quiet=0.3, limit=5.0):
        """Drain iopub (and stray shell replies) until nothing arrives for `quiet` s.

        Returns the drained iopub messages, including any set aside earlier by
        iopub_until_idle while it looked for another request's messages.
        """
        deadline = time.monotonic() + limit
        drained, self._iopub_stash = self._iopub_stash, []
        self._shell_stash = []
        while time.monotonic() < deadline:
            try:
                drained.append(self.kc.get_iopub_msg(timeout=quiet))
            except Empty:
                break
        while True:
            try:
                self.kc.get_shell_msg(timeout=0.01)
            except Empty:
                break
        return drained

    def iopub_until_idle(self, msg_id, timeout=TIMEOUT):
        """All iopub messages whose parent is msg_id, up to and including idle.

        Messages of other requests met on the way are set aside (not lost)
        for later calls.
        """
        deadline = time.monotonic() + timeout
        msgs = []
        keep = []
        for msg in self._iopub_stash:
            if msg["parent_header"].get("msg_id") == msg_id:
                msgs.append(msg)
            else:
                keep.append(msg)
        self._iopub_stash = keep
        for msg in msgs:
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return msgs
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    "no idle status for %s within %ss; got %r"
                    % (msg_id, timeout, [m["msg_type"] for m in msgs])
                )
            try:
                msg = self.kc.get_iopub_msg(timeout=remaining)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                self._iopub_stash.append(msg)
                continue
            msgs.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return msgs

    def shell_reply(self, msg_id, timeout=TIMEOUT):
        """The shell reply to msg_id; replies to other requests are set aside."""
        for i, msg in enumerate(self._shell_stash):
            if msg["parent_header"].get("msg_id") == msg_id:
                return self._shell_stash.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("no shell reply to %s within %ss" % (msg_id, timeout))
            try:
                msg = self.kc.get_shell_msg(timeout=remaining)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
            self._shell_stash.append(msg)

    def execute(self, code, timeout=TIMEOUT, retry_aborted=False, **kwargs):
        """Execute code; return (reply, iopub messages for this request).

        retry_aborted: if the kernel answers "aborted" (it is still aborting
        after an earlier error even though that error's reply has already
        been received - a separate bug, tested on its own by
        test_abort_does_not_outlive_queue), send the request once more after a
        short pause, so that tests about other features are not masked by it.
        """
        msg_id = self.kc.execute(code, **kwargs)
        reply = self.shell_reply(msg_id, timeout=timeout)
        if retry_aborted and reply["content"]["status"] == "aborted":
            self.settle(quiet=0.2)
            time.sleep(0.3)
            return self.execute(code, timeout=timeout, **kwargs)
        msgs = self.iopub_until_idle(msg_id, timeout=timeout)
        return reply, msgs

    def ok(self, code, timeout=TIMEOUT, retry_aborted=False, **kwargs):
        """Execute code that must succeed; return the iopub messages."""
        reply, msgs = self.execute(code, timeout=timeout, retry_aborted=retry_aborted, **kwargs)
        content = reply["content"]
        if content["status"] == "aborted":
            raise AssertionError(
                "cell %r was aborted although it was sent after the previous "
                "request's reply (status aborted)" % code[:200]
            )
        assert content["status"] == "ok", "cell failed: %r\n%s: %s\n%s" % (
            code[:200],
            content.get("ename"),
            content.get("evalue"),
            "\n".join(content.get("traceback", [])),
        )
        return msgs

    def value(self, code, timeout=TIMEOUT, retry_aborted=False):
        """Execute code and return its execute_result text/plain (None if none)."""
        return result_text(self.ok(code, timeout=timeout, retry_aborted=retry_aborted))

    def interrupt_running(self, code, after=1.0):
        """Execute code, interrupt it after `after` seconds, and return its
        reply with the seconds from the interrupt to the reply."""
        msg_id = self.kc.execute(code)
        time.sleep(after)
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.shell_reply(msg_id, timeout=15)
        self.iopub_until_idle(msg_id)
        return reply, time.monotonic() - t0

    def kernel_info(self, timeout=TIMEOUT):
        msg_id = self.kc.kernel_info()
        return self.shell_reply(msg_id, timeout=timeout)

    def assert_responsive(self, timeout=TIMEOUT):
        assert self.is_alive(), "kernel process died"
        reply = self.kernel_info(timeout=timeout)
        assert reply["msg_type"] == "kernel_info_reply"
        assert self.value("20 + 22", retry_aborted=True) == "42"


# ----------------------------------------------------------------- msg helpers


def stream_text(msgs, name="stdout"):
    return "".join(
        m["content"]["text"]
        for m in msgs
        if m["msg_type"] == "stream" and m["content"]["name"] == name
    )


def of_type(msgs, msg_type):
    return [m for m in msgs if m["msg_type"] == msg_type]


def result_text(msgs):
    results = of_type(msgs, "execute_result")
    assert len(results) <= 1, "more than one execute_result: %r" % results
    if not results:
        return None
    return results[0]["content"]["data"].get("text/plain")


def error_text(content):
    """ename, evalue and traceback of an error reply/message as one string."""
    return "\n".join(
        [content.get("ename", ""), content.get("evalue", "")] + list(content.get("traceback", []))
    )


# ---------------------------------------------------------------- raw sockets


def sign(key, parts, scheme="hmac-sha256"):
    if not key:
        return b""
    algo = scheme.split("-", 1)[1] if "-" in scheme else "sha256"
    mac = hmac.new(key.encode() if isinstance(key, str) else key, digestmod=getattr(hashlib, algo))
    for p in parts:
        mac.update(p)
    return mac.hexdigest().encode()


def header(msg_type, session=None, **extra):
    h = {
        "msg_id": uuid.uuid4().hex,
        "username": "integration",
        "session": session or uuid.uuid4().hex,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "msg_type": msg_type,
        "version": "5.3",
    }
    h.update(extra)
    return h


def frames(key, hdr, content, parent=None, metadata=None, scheme="hmac-sha256", signature=None):
    """Wire frames for one message. hdr/content may be dicts or raw bytes."""

    def enc(x):
        if isinstance(x, (bytes, bytearray)):
            return bytes(x)
        return json.dumps(x).encode()

    parts = [enc(hdr), enc(parent or {}), enc(metadata or {}), enc(content)]
    sig = sign(key, parts, scheme) if signature is None else signature
    return [DELIM, sig] + parts


def parse_frames(msg_frames, key=None, scheme="hmac-sha256"):
    """Split a received multipart message; verify its signature if key is given."""
    idx = msg_frames.index(DELIM)
    sig = msg_frames[idx + 1]
    parts = msg_frames[idx + 2 : idx + 6]
    if key is not None:
        expected = sign(key, parts, scheme)
        assert hmac.compare_digest(expected, sig), "reply signature does not verify"
    h, p, md, c = (json.loads(x) for x in parts)
    return {"header": h, "parent_header": p, "metadata": md, "content": c, "msg_type": h.get("msg_type")}


class RawSocket:
    """A raw zmq socket connected to one of the kernel's ports."""

    def __init__(self, url, kind=zmq.DEALER):
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(kind)
        self.sock.setsockopt(zmq.LINGER, 0)
        if kind == zmq.DEALER:
            self.sock.setsockopt(zmq.IDENTITY, uuid.uuid4().hex.encode())
        self.sock.connect(url)

    def send(self, parts):
        self.sock.send_multipart(parts)

    def recv(self, timeout):
        """Next multipart message or None after timeout seconds."""
        if self.sock.poll(int(timeout * 1000)):
            return self.sock.recv_multipart()
        return None

    def close(self):
        self.sock.close(0)
        self.ctx.term()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ------------------------------------------------------------------ processes


def _proc_stat(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
    except OSError:
        return None
    # comm may contain spaces/parens: split after the last ')'
    rest = data[data.rindex(")") + 2 :].split()
    return {"state": rest[0], "ppid": int(rest[1]), "pgrp": int(rest[2]), "session": int(rest[3])}


def all_pids():
    return [int(d) for d in os.listdir("/proc") if d.isdigit()]


def descendants(pid):
    children = {}
    for p in all_pids():
        st = _proc_stat(p)
        if st:
            children.setdefault(st["ppid"], []).append(p)
    out, todo = [], [pid]
    while todo:
        cur = todo.pop()
        for c in children.get(cur, []):
            out.append(c)
            todo.append(c)
    return out


def live_in_session(sid):
    """Non-zombie processes in session sid (kernels get a session of their own)."""
    out = []
    for p in all_pids():
        st = _proc_stat(p)
        if st and st["session"] == sid and st["state"] != "Z":
            out.append(p)
    return out


def pid_alive(pid):
    st = _proc_stat(pid)
    return st is not None and st["state"] != "Z"
