"""Forged messages: a thousand requests of every type, with a wrong, missing,
truncated or stale signature, or signed and then tampered with, sent to the
shell and control sockets. None may be acted on: no reply, no output, no
state change, no shutdown; the kernel answers properly signed requests
afterwards and keeps its variables."""

import hashlib
import hmac
import json
import os
import random
import socket
import stat
import time

import pytest

from kernel_helpers import RawSocket, descendants, frames, header, parse_frames, sign

MSG_TYPES = {
    "execute_request": {"code": "forged := 1\nfmt.Println(\"FORGED\")", "silent": False},
    "kernel_info_request": {},
    "complete_request": {"code": "fmt.Pri", "cursor_pos": 7},
    "inspect_request": {"code": "fmt.Println", "cursor_pos": 5, "detail_level": 0},
    "is_complete_request": {"code": "x := 1"},
    "history_request": {"hist_access_type": "tail", "n": 5, "output": False, "raw": True},
    "comm_info_request": {},
    "comm_open": {"comm_id": "c", "target_name": "t", "data": {}},
    "shutdown_request": {"restart": False},
    "interrupt_request": {},
}


def forge(key, msg_type, content, how, rnd):
    """One forged message: signed wrongly in the way named by how."""
    h = header(msg_type)
    if how == "tampered":
        # Signed for a harmless body, which is then swapped.
        parts = frames(key, h, {"code": "1"} if msg_type == "execute_request" else {"harmless": True})
        parts[5] = json.dumps(content).encode()
        return parts
    if how == "wrong_key":
        return frames("not-" + key, h, content)
    if how == "no_signature":
        return frames(key, h, content, signature=b"")
    if how == "truncated":
        good = frames(key, h, content)
        good[1] = good[1][: rnd.randrange(1, len(good[1]))]
        return good
    if how == "random_hex":
        return frames(key, h, content, signature=("%064x" % rnd.getrandbits(256)).encode())
    if how == "other_scheme":  # the right key, but SHA-1
        parts = [json.dumps(x).encode() for x in (h, {}, {}, content)]
        sig = hmac.new(key.encode(), b"".join(parts), hashlib.sha1).hexdigest().encode()
        return [b"<IDS|MSG>", sig] + parts
    raise ValueError(how)


HOWS = ["tampered", "wrong_key", "no_signature", "truncated", "random_hex", "other_scheme"]


def test_a_thousand_forged_messages_are_never_acted_on(kernel):
    kernel.ok("kept := 41")
    info = kernel.connection()
    key, scheme = info["key"], info.get("signature_scheme", "hmac-sha256")
    assert key and scheme == "hmac-sha256"
    rnd = random.Random(7)
    sent = 0
    with RawSocket(kernel.url("shell")) as shell, RawSocket(kernel.url("control")) as control:
        for k in range(1000):
            msg_type = list(MSG_TYPES)[k % len(MSG_TYPES)]
            how = HOWS[(k // len(MSG_TYPES)) % len(HOWS)]
            sock = control if msg_type in ("shutdown_request", "interrupt_request") or k % 3 == 0 else shell
            sock.send(forge(key, msg_type, MSG_TYPES[msg_type], how, rnd))
            sent += 1
        assert shell.recv(1.0) is None, "the kernel answered a forged request on shell"
        assert control.recv(0.2) is None, "the kernel answered a forged request on control"
        # A properly signed request on the same socket is answered.
        session = "security-test"
        good = frames(key, header("kernel_info_request", session=session), {}, scheme=scheme)
        shell.send(good)
        got = shell.recv(10.0)
        assert got is not None, "no reply to a properly signed request after the forged ones"
        assert parse_frames(got, key=key, scheme=scheme)["msg_type"] == "kernel_info_reply"
    assert sent == 1000
    time.sleep(0.3)
    assert kernel.is_alive(), "a forged shutdown_request ended the kernel"
    # Nothing forged ran: no output, no new variable, the old one intact.
    reply, msgs = kernel.execute('import "fmt"\nfmt.Println(kept + 1)')
    text = "".join(m["content"].get("text", "") for m in msgs if m["msg_type"] == "stream")
    assert "FORGED" not in text and text.strip() == "42", text
    reply, _ = kernel.execute("forged")
    assert reply["content"]["status"] == "error", "a forged execute_request declared a variable"
    assert reply["content"]["execution_count"] == 3, "forged requests consumed execution counts"


def listening_sockets(pids):
    """(address, port) of every TCP socket in LISTEN state that one of pids has open."""
    inodes = set()
    for pid in pids:
        try:
            for fd in os.listdir("/proc/%d/fd" % pid):
                try:
                    target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
                except OSError:
                    continue
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            local, state, inode = f[1], f[3], f[9]
            if state != "0A" or inode not in inodes:  # 0A: LISTEN
                continue
            addr_hex, port_hex = local.split(":")
            raw = bytes.fromhex(addr_hex)
            # /proc prints the address as 32-bit words in host order.
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            found.add((socket.inet_ntop(family, raw), int(port_hex, 16)))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/net"), reason="reads /proc/net (Linux)")
def test_sockets_bind_only_where_the_connection_file_says(kernel):
    info = kernel.connection()
    assert info["ip"] == "127.0.0.1"
    ports = {info[c + "_port"] for c in ("shell", "control", "stdin", "iopub", "hb")}
    pids = {kernel.pid} | set(descendants(kernel.pid))
    assert listening_sockets(pids) == {("127.0.0.1", p) for p in ports}


def test_stored_history_is_the_users_alone(gopar_env):
    """The history holds every cell run: it is no one else's to read."""
    from kernel_helpers import Kernel

    saved = os.environ["GOPAR_HISTORY"]
    store = os.path.join(gopar_env["tmp"], "private", "history", "h.sqlite")
    os.environ["GOPAR_HISTORY"] = store
    try:
        k = Kernel()
        try:
            k.ok("secret := 42")
        finally:
            k.close()
    finally:
        os.environ["GOPAR_HISTORY"] = saved
    for path in [store, store + "-wal", store + "-shm", os.path.dirname(store), os.path.dirname(os.path.dirname(store))]:
        if os.path.exists(path):
            mode = stat.S_IMODE(os.stat(path).st_mode)
            assert mode & 0o077 == 0, "%s has mode %o" % (path, mode)
    assert os.path.exists(store)
