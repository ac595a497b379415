# JupyterHub for a gopar workshop on one machine: Debian's jupyterhub 3
# (apt-get install jupyterhub), configurable-http-proxy from npm
# (scripts/npm-ci.sh hub), the machine's own users, and a single-user
# jupyter_server per user started as that user. Run as root:
#
#   scripts/npm-ci.sh hub
#   gopar install --prefix /usr/local --env GOPAR_MEMORY_LIMIT=2GiB \
#       --env GOMODCACHE=/var/cache/gopar/mod
#   chmod -R a+rX /var/cache/gopar/mod
#   jupyterhub -f hub/jupyterhub_config.py
#
# with the participants in the group "workshop" (below). Each logs in
# with their password (PAM) and gets their own server, files and
# kernels. The kernel's limits come from its kernelspec (README, "On a
# shared server"): LocalProcessSpawner enforces none of its own.
# integration/test_hub.py runs this file with ten users, and
# bench/hub_bench.py times them.
import os
import shutil

c = get_config()  # noqa: F821 (defined when JupyterHub loads this file)

here = os.path.dirname(os.path.abspath(__file__))

c.JupyterHub.bind_url = "http://:8000"
c.ConfigurableHTTPProxy.command = [os.path.join(here, "node_modules", ".bin", "configurable-http-proxy")]

# Participants: the machine's users in the group "workshop"
# (groupadd workshop; usermod -aG workshop NAME), or named in
# c.Authenticator.allowed_users. Admins may start and stop their servers.
c.LocalAuthenticator.allowed_groups = {"workshop"}
c.Authenticator.admin_users = set()

c.JupyterHub.spawner_class = "localprocess"
# jupyter_server (Debian's python3-jupyter-server); JupyterLab or Notebook 7
# on top of it, where installed.
c.Spawner.cmd = ["jupyterhub-singleuser"]
c.Spawner.environment = {
    "JUPYTERHUB_SINGLEUSER_APP": "jupyter_server.serverapp.ServerApp",
}
# Native cells need the go command that built gopar: pass on its directory,
# wherever the hub finds it.
go = shutil.which("go")
if go:
    c.Spawner.environment["PATH"] = os.pathsep.join(
        [os.path.dirname(os.path.realpath(go)), "/usr/local/bin", "/usr/bin", "/bin"])
# Thirty servers starting at once on a few cores take longer than the
# defaults allow.
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180
# Idle culling, by jupyter_server itself (Debian has no
# jupyterhub-idle-culler): a kernel idle for an hour is shut down, which
# frees its memory for the room; a server with no kernel and no activity
# for two hours stops. Saved notebooks stay on disk (Notebook and
# JupyterLab save every two minutes), and the user's next visit starts a
# fresh server.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=3600",
    "--MappingKernelManager.cull_interval=300",
    "--ServerApp.shutdown_no_activity_timeout=7200",
]
