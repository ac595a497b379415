"""A JupyterLab 3.6.8 front end for trying gopar in a browser.

gopar's own server app on Debian's jupyter_server 1.23 and
jupyterlab_server 2.16: it serves the front end that scripts/lab.sh builds
from npm packages into lab/build/ (PyPI's jupyterlab package is not needed),
with the kernels of the system's kernelspecs, so an installed "gopar"
kernelspec shows in the launcher as "Go (gopar)". Browser tests use it to
drive real notebooks against the kernel.

    scripts/lab.sh build
    python3 lab/gopar_lab.py --no-browser --port=8899 --ServerApp.token=T \
        --allow-root --ServerApp.root_dir=DIR

then open http://127.0.0.1:8899/lab?token=T. The page exposes the app as
window.jupyterapp.

User settings and workspaces (open tabs) go to a fresh temporary directory
that is removed at exit, so each run starts with the launcher alone; set
--GoparLab.state_dir=DIR to keep them in DIR instead. Within one run, the
open tabs come back on reload unless the page is opened as
/lab?reset&token=T.
"""

import atexit
import json
import os
import shutil
import sys
import tempfile

# The server's configuration files (~/.jupyter) must not change this app.
os.environ["JUPYTER_NO_CONFIG"] = "1"

try:
    from jupyterlab_server import LabServerApp
except ImportError:
    # Another python3 (pyenv, a venv) may come first on PATH: run again
    # with Debian's, which has python3-jupyterlab-server.
    SYSTEM_PYTHON = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.access(
        SYSTEM_PYTHON, os.X_OK
    ):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    raise
from jupyter_core.paths import jupyter_config_dir  # noqa: E402
from traitlets import Unicode, default  # noqa: E402

# JUPYTER_NO_CONFIG makes jupyter_core create an empty temporary config
# directory, which it leaves behind.
if os.path.basename(jupyter_config_dir()).startswith("jupyter-clean-cfg"):
    atexit.register(shutil.rmtree, jupyter_config_dir(), True)

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")

with open(os.path.join(HERE, "package.json")) as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": GoparLab}]


class GoparLab(LabServerApp):
    """The server app of gopar's JupyterLab front end, at /lab."""

    name = "gopar_lab"
    app_name = "JupyterLab (gopar)"
    app_version = VERSION
    app_url = "/lab"
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    # No terminal extension is bundled.
    serverapp_config = {"terminals_enabled": False}

    static_dir = BUILD
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    templates_dir = os.path.join(HERE, "templates")
    # overrides.json: setting defaults of this front end.
    app_settings_dir = os.path.join(HERE, "settings")
    # Only the bundled extensions: none installed on the system.
    labextensions_path = []

    state_dir = Unicode(
        "",
        config=True,
        help="Directory for user settings and workspaces; empty: a temporary "
        "directory removed at exit.",
    )

    @default("state_dir")
    def _default_state_dir(self):
        path = tempfile.mkdtemp(prefix="gopar-lab-")
        atexit.register(shutil.rmtree, path, True)
        return path

    @default("user_settings_dir")
    def _default_user_settings_dir(self):
        return os.path.join(self.state_dir, "user_settings")

    @default("workspaces_dir")
    def _default_workspaces_dir(self):
        return os.path.join(self.state_dir, "workspaces")

    def initialize_settings(self):
        if not os.path.isfile(os.path.join(BUILD, "bundle.js")):
            sys.exit("gopar_lab: %s has no front end; run scripts/lab.sh build" % BUILD)
        super().initialize_settings()


main = GoparLab.launch_instance

if __name__ == "__main__":
    main()
