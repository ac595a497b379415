"""The kernel driven by Jupyter Notebook's server, as the browser front end
drives it: REST to start a kernel, a websocket for its channels, and the
kernelspec's files (logos, the README of the help link) served over HTTP."""

import json
import os
import socket
import subprocess
import time
import urllib.request
import uuid

import pytest
from tornado import gen, ioloop, websocket

TOKEN = "gopar-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(gopar_env, tmp_path):
    port = free_port()
    args = ["/usr/bin/jupyter", "notebook", "--no-browser", "--port=%d" % port, "--ip=127.0.0.1",
            "--NotebookApp.token=" + TOKEN, "--notebook-dir=" + str(tmp_path)]
    if os.geteuid() == 0:
        args.append("--allow-root")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % port
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api?token=" + TOKEN)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("the notebook server did not start")
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get(base, path):
    return urllib.request.urlopen(base + path + ("&" if "?" in path else "?") + "token=" + TOKEN).read()


def test_notebook_server_runs_a_cell(server):
    spec = json.loads(get(server, "/api/kernelspecs"))["kernelspecs"]["gopar"]
    assert spec["spec"]["display_name"] == "Go (gopar)"
    assert get(server, spec["resources"]["logo-64x64"]).startswith(b"\x89PNG")
    assert get(server, "/kernelspecs/gopar/README.md").startswith(b"# gopar")

    req = urllib.request.Request(server + "/api/kernels?token=" + TOKEN, data=json.dumps({"name": "gopar"}).encode(),
                                 method="POST", headers={"Content-Type": "application/json"})
    kid = json.load(urllib.request.urlopen(req))["id"]
    seen = []

    @gen.coroutine
    def run():
        ws = yield websocket.websocket_connect("%s/api/kernels/%s/channels?token=%s" % (server.replace("http", "ws"), kid, TOKEN))
        msg_id = uuid.uuid4().hex
        ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": 'import "fmt"\nfmt.Println("via the server")\ndisplay.Show(display.HTML("<b>rich</b>"))\n6*7',
                        "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        idle = replied = False
        while not (idle and replied):
            m = json.loads((yield ws.read_message()))
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            seen.append(m)
            replied = replied or m["msg_type"] == "execute_reply"
            idle = idle or (m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
        ws.close()

    ioloop.IOLoop.current().run_sync(run, timeout=60)
    by_type = {m["msg_type"]: m for m in seen}
    assert by_type["execute_reply"]["content"]["status"] == "ok"
    assert by_type["stream"]["content"]["text"] == "via the server\n"
    assert by_type["display_data"]["content"]["data"]["text/html"] == "<b>rich</b>"
    assert by_type["execute_result"]["content"]["data"]["text/plain"] == "42"
