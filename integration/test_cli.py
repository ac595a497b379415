"""The gopar command-line contract: install / uninstall / version."""

import json
import os
import subprocess
from pathlib import Path


def _run(args, env=None, timeout=60):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)


def test_version(gopar_bin):
    p = _run([gopar_bin, "version"])
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip(), "gopar version printed nothing"


def test_installed_kernelspec(gopar_env):
    spec_path = Path(gopar_env["data_dir"]) / "kernels" / "gopar" / "kernel.json"
    spec = json.loads(spec_path.read_text())
    assert spec["argv"] == [gopar_env["bin"], "kernel", "-f", "{connection_file}"]
    assert os.path.isabs(spec["argv"][0])
    assert spec["interrupt_mode"] == "message"
    assert spec["language"] == "go"
    assert spec.get("display_name")


def test_kernelspec_visible_to_jupyter(gopar_env):
    p = _run(["/usr/bin/jupyter", "kernelspec", "list", "--json"], env=dict(os.environ))
    assert p.returncode == 0, p.stderr
    specs = json.loads(p.stdout)["kernelspecs"]
    assert "gopar" in specs
    assert specs["gopar"]["resource_dir"] == str(Path(gopar_env["data_dir"]) / "kernels" / "gopar")


def test_install_uninstall_roundtrip(gopar_bin, tmp_path):
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path))
    spec_dir = tmp_path / "kernels" / "gopar"
    p = _run([gopar_bin, "install"], env=env)
    assert p.returncode == 0, p.stderr
    assert (spec_dir / "kernel.json").is_file()
    # installing twice is fine (overwrites)
    p = _run([gopar_bin, "install"], env=env)
    assert p.returncode == 0, p.stderr
    p = _run([gopar_bin, "uninstall"], env=env)
    assert p.returncode == 0, p.stderr
    assert not spec_dir.exists()


def test_kernel_without_connection_file_fails_cleanly(gopar_bin, tmp_path):
    p = _run([gopar_bin, "kernel", "-f", str(tmp_path / "missing.json")], timeout=30)
    assert p.returncode != 0
    assert p.stderr.strip(), "no diagnostic on stderr"
