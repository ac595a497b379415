"""A workshop on one server: Debian's JupyterHub 3 with
configurable-http-proxy from npm (hub/), ten local users made here,
LocalProcessSpawner starting a jupyter_server as each, and gopar installed
system-wide (`gopar install --prefix /usr/local`) with a memory limit per
kernel in its kernelspec. Through the hub's REST API and websockets, as
JupyterLab does, the ten users at once each save the workshop's notebook 02
scaled to fit (the cell tagged parameters, given size = 10⁷ as
`gopar run -p size 10000000` would), start a gopar kernel, run every cell,
and save the outputs. Every cell must succeed, and no user may see or reach
another's kernel, variables or files.

Needs root: it adds users (removed again) and the hub runs servers as them.
"""

import asyncio
import json
import os
import pwd

import pytest
from tornado.httpclient import HTTPClientError

from hub import REPO, Hub, Participant, scaled

USERS = ["gopar-hub-%02d" % i for i in range(1, 11)]
NOTEBOOK = "02-measuring-performance.ipynb"
SIZE = 10_000_000
MEMORY_LIMIT = "1GiB"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the hub test adds users: run it as root, as CI does")


@pytest.fixture(scope="module")
def hub(gopar_env, tmp_path_factory):
    h = Hub(USERS, gopar_env["bin"], kernel_env={"GOPAR_MEMORY_LIMIT": MEMORY_LIMIT},
            log=tmp_path_factory.mktemp("hub") / "jupyterhub.log").start()
    yield h
    h.stop()


async def attend(hub, name, other, notebook):
    """What one participant does: returns what was seen."""
    p = await hub.participant(name)
    nb = scaled(notebook, {"size": SIZE})
    await p.save(NOTEBOOK, nb)
    k = await p.kernel(hub.kernel_name)
    try:
        seen = {"participant": p, "kernel": k.id}
        reply, _ = await k.execute('owner := "%s"' % name)
        assert reply["status"] == "ok", reply
        seen["failed"] = await k.run_notebook(nb)
        await p.save(NOTEBOOK, nb)
        _, out = await k.execute('import (\n\t"fmt"\n\t"os"\n)\n\nwd, _ := os.Getwd()\n'
                                 'fmt.Print(owner, " ", os.Getuid(), " ", wd, " ", os.Getenv("GOPAR_MEMORY_LIMIT"))')
        seen["self"] = "".join(o.get("text", "") for o in out)
        _, out = await k.execute('_, err := os.ReadFile("%s/%s")\nfmt.Print(err)' % (pwd.getpwnam(other).pw_dir, NOTEBOOK))
        seen["other"] = "".join(o.get("text", "") for o in out)
        return seen
    finally:
        k.close()


def test_ten_users_run_the_workshop_at_once(hub):
    with open(REPO / "notebooks" / NOTEBOOK) as f:
        notebook = json.load(f)
    others = USERS[1:] + USERS[:1]

    async def workshop():
        return await asyncio.gather(*(attend(hub, u, o, notebook) for u, o in zip(USERS, others)))

    seen = asyncio.run(workshop())
    for name, other, s in zip(USERS, others, seen):
        user = pwd.getpwnam(name)
        # Every cell of the scaled notebook succeeded.
        assert not s["failed"], "%s: cells failed: %s\n%s" % (name, s["failed"], hub.log())
        # The kernel runs as the user, in their home, with the kernelspec's
        # limit, and its variables are its own.
        assert s["self"] == "%s %d %s %s" % (name, user.pw_uid, user.pw_dir, MEMORY_LIMIT), s["self"]
        assert "permission denied" in s["other"], "%s read %s's notebook: %s" % (name, other, s["other"])
        # The saved notebook is the user's, with every code cell's outputs.
        path = os.path.join(user.pw_dir, NOTEBOOK)
        assert os.stat(path).st_uid == user.pw_uid
        with open(path) as f:
            saved = json.load(f)
        code = [c for c in saved["cells"] if c["cell_type"] == "code"]
        assert all(c["execution_count"] for c in code), name
        assert any("injected-parameters" in c["metadata"].get("tags", []) for c in code)

    async def reach():
        for name, other, s in zip(USERS, others, seen):
            p = s["participant"]
            # Each server holds its user's one kernel.
            kernels = await p.rest("GET", "/kernels")
            assert [k["id"] for k in kernels] == [s["kernel"]], (name, kernels)
            # One user's token does not open another's server.
            with pytest.raises(HTTPClientError) as e:
                await Participant(hub, other, p.token).rest("GET", "/kernels")
            assert e.value.code == 403, (name, other, e.value)

    asyncio.run(reach())
