"""A JupyterHub on this machine, as a workshop runs one, for the hub test
(test_hub.py) and the hub bench (bench/hub_bench.py).

`Hub` creates local users, installs gopar system-wide, and starts Debian's
jupyterhub with hub/jupyterhub_config.py (configurable-http-proxy from
npm, LocalProcessSpawner, jupyter_server per user). `Participant` is what
a browser does for one user: REST calls through the hub's proxy with the
user's token, and a kernel's messages over its websocket. Needs root (it
adds users and the hub starts servers as them).
"""

import asyncio
import copy
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "hub" / "jupyterhub_config.py"
ADMIN_SERVICE = "workshop-admin"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scaled(notebook, params):
    """The notebook with a cell tagged injected-parameters after the one
    tagged parameters, assigning params, as `gopar run -p` and papermill
    do. Values are written as given (Go and Python literals alike)."""
    nb = copy.deepcopy(notebook)
    cells = nb["cells"]
    at = next((i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if at is None:
        raise ValueError('the notebook has no cell tagged "parameters"')
    source = "# Parameters\n" if nb["metadata"].get("kernelspec", {}).get("language") == "python" else "// Parameters\n"
    source += "\n".join("%s = %s" % kv for kv in params.items())
    cells.insert(at + 1, {"cell_type": "code", "execution_count": None, "id": "injected-parameters",
                          "metadata": {"tags": ["injected-parameters"]}, "outputs": [], "source": source})
    return nb


class Hub:
    """Users, a system-wide kernelspec, and a running JupyterHub; stop()
    undoes all of it."""

    def __init__(self, users, gopar_bin, kernel_name="gopar-hub", kernel_env=None, log=None):
        if os.geteuid() != 0:
            raise PermissionError("the hub needs root: it adds users and starts servers as them")
        self.users = list(users)
        self.kernel_name = kernel_name
        self.url = "http://127.0.0.1:%d" % free_port()
        self.token = secrets.token_hex(16)
        # World-readable, as the users' kernels run the binary and read the
        # module cache from here; the hub's own state is in a private dir.
        self.dir = Path(tempfile.mkdtemp(prefix="gopar-hub-", dir="/var/tmp"))
        self.dir.chmod(0o755)
        self.state = self.dir / "hub"
        self.state.mkdir(mode=0o700)
        self.log_path = Path(log) if log else self.state / "jupyterhub.log"
        self.proc = None
        self.created = []
        self.gopar = self.dir / "bin" / "gopar"
        self.gopar.parent.mkdir()
        shutil.copy2(gopar_bin, self.gopar)
        self.gopar.chmod(0o755)
        self.kernel_env = {"GOMODCACHE": str(self.dir / "gomodcache")}
        self.kernel_env.update(kernel_env or {})

    def start(self):
        try:
            self._install()
            self._add_users()
            self._start_hub()
        except BaseException:
            self.stop()
            raise
        return self

    def _install(self):
        subprocess.run([str(REPO / "scripts" / "npm-ci.sh"), str(REPO / "hub")], check=True, timeout=600)
        args = [str(self.gopar), "install", "--prefix", "/usr/local", "--name", self.kernel_name]
        for k, v in self.kernel_env.items():
            args += ["--env", "%s=%s" % (k, v)]
        env = dict(os.environ)
        # The shared module cache is filled from this user's, where it has
        # the modules already, before asking the network.
        own = subprocess.run(["go", "env", "GOMODCACHE", "GOPROXY"], capture_output=True, text=True, check=True).stdout.split()
        if len(own) == 2 and os.path.isdir(own[0]):
            env["GOPROXY"] = "file://%s/cache/download,%s" % (own[0], own[1])
        p = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900)
        if p.returncode != 0 or "native code: runtime compiled" not in p.stdout:
            raise RuntimeError("gopar install failed:\n" + p.stdout + p.stderr)
        subprocess.run(["chmod", "-R", "a+rX", str(self.dir / "gomodcache")], check=True)

    def _add_users(self):
        for name in self.users:
            if subprocess.run(["id", name], capture_output=True).returncode != 0:
                subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
                self.created.append(name)
            os.chmod(pwd.getpwnam(name).pw_dir, 0o700)

    def _start_hub(self):
        config = self.state / "jupyterhub_config.py"
        config.write_text("\n".join([
            "load_subconfig(%r)" % str(CONFIG),
            "c.JupyterHub.bind_url = %r" % self.url,
            "c.JupyterHub.hub_port = %d" % free_port(),
            "c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:%d'" % free_port(),
            "c.ConfigurableHTTPProxy.pid_file = %r" % str(self.state / "proxy.pid"),
            "c.JupyterHub.db_url = 'sqlite:///%s'" % (self.state / "jupyterhub.sqlite"),
            "c.JupyterHub.cookie_secret_file = %r" % str(self.state / "cookie_secret"),
            "c.Authenticator.allowed_users = %r" % set(self.users),
            "c.JupyterHub.services = [{'name': %r, 'api_token': %r}]" % (ADMIN_SERVICE, self.token),
            "c.JupyterHub.load_roles = [{'name': 'workshop-admin', 'services': [%r], 'scopes': "
            "['admin:users', 'admin:servers', 'tokens', 'list:users', 'read:users']}]" % ADMIN_SERVICE,
            # Kernels started through the hub carry the test run's mark, so
            # the leftover check sees them too.
            "c.Spawner.environment['GOPAR_TEST_MARK'] = %r" % os.environ.get("GOPAR_TEST_MARK", ""),
            "",
        ]))
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(["jupyterhub", "-f", str(config)], cwd=self.state,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("jupyterhub exited with %s:\n%s" % (self.proc.returncode, self.log()))
            try:
                asyncio.run(self.api("GET", "/"))
                return
            except (OSError, HTTPClientError):
                time.sleep(0.5)
        raise TimeoutError("jupyterhub did not answer at %s within 90 s:\n%s" % (self.url, self.log()))

    def log(self, tail=6000):
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    async def api(self, method, path, body=None, token=None):
        req = HTTPRequest(self.url + "/hub/api" + path, method=method,
                          headers={"Authorization": "token " + (token or self.token)},
                          body=None if body is None and method == "GET" else json.dumps(body or {}),
                          request_timeout=300)
        resp = await AsyncHTTPClient().fetch(req)
        return json.loads(resp.body) if resp.body else None

    async def participant(self, name, timeout=300):
        """Starts name's server through the hub and returns a Participant
        holding a token of name's own."""
        token = (await self.api("POST", "/users/%s/tokens" % name, {"note": "hub test", "expires_in": 3600}))["token"]
        await self.api("POST", "/users/%s/server" % name)
        deadline = time.monotonic() + timeout
        while True:
            user = await self.api("GET", "/users/%s" % name)
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                return Participant(self, name, token)
            if time.monotonic() > deadline:
                raise TimeoutError("%s's server not ready after %d s: %s\n%s" % (name, timeout, user, self.log()))
            await asyncio.sleep(0.5)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            # The hub stops the users' servers as it exits (cleanup_servers).
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        for name in self.users:
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
        for name in self.created:
            for _ in range(20):
                if subprocess.run(["userdel", "--remove", name], capture_output=True).returncode == 0:
                    break
                time.sleep(0.25)
        subprocess.run([str(self.gopar), "uninstall", "--prefix", "/usr/local", "--name", self.kernel_name],
                       capture_output=True, timeout=60)
        # The module cache's directories are read-only, as Go makes them.
        subprocess.run(["chmod", "-R", "u+w", str(self.dir)], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class Participant:
    """One user's browser: their server's REST API through the hub's proxy,
    with their own token, and a kernel's channels over its websocket."""

    def __init__(self, hub, name, token):
        self.hub, self.name, self.token = hub, name, token
        self.base = "%s/user/%s" % (hub.url, name)

    async def rest(self, method, path, body=None, token=None):
        req = HTTPRequest(self.base + "/api" + path, method=method,
                          headers={"Authorization": "token " + (token or self.token)},
                          body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
                          request_timeout=300)
        resp = await AsyncHTTPClient().fetch(req)
        return json.loads(resp.body) if resp.body else None

    async def save(self, path, notebook):
        return await self.rest("PUT", "/contents/" + path, {"type": "notebook", "format": "json", "content": notebook})

    async def kernel(self, name):
        k = await self.rest("POST", "/kernels", {"name": name})
        url = self.base.replace("http", "ws", 1) + "/api/kernels/%s/channels?session_id=%s" % (k["id"], uuid.uuid4().hex)
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": "token " + self.token}),
                                     max_message_size=256 << 20)
        return Channels(k["id"], ws, self.name)


class Channels:
    """A kernel's channels over one websocket, as JupyterLab uses them."""

    def __init__(self, kernel_id, ws, username):
        self.id, self.ws, self.username = kernel_id, ws, username
        self.session = uuid.uuid4().hex

    async def execute(self, code, timeout=600):
        """Runs code; returns (reply content, outputs) once the kernel is
        idle again, outputs as they go into a notebook."""
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "channel": "shell",
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.username,
                       "session": self.session, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {},
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        reply, outputs, idle = None, [], False
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no reply within %d s to: %s" % (timeout, code[:80]))
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise ConnectionError("the kernel's websocket closed while running: %s" % code[:80])
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                reply = content
            elif kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("display_data", "execute_result"):
                out = {"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {})}
                if kind == "execute_result":
                    out["execution_count"] = content["execution_count"]
                outputs.append(out)
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"],
                                "traceback": content["traceback"]})
        return reply, outputs

    async def run_notebook(self, notebook):
        """Runs every code cell in order, writing outputs into notebook;
        returns the cells that failed as (index, reply, outputs)."""
        failed = []
        for i, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            reply, outputs = await self.execute(source)
            cell["outputs"], cell["execution_count"] = outputs, reply.get("execution_count")
            if reply["status"] != "ok" or any(o["output_type"] == "error" for o in outputs):
                failed.append((i, reply, outputs))
        return failed

    def close(self):
        self.ws.close()
