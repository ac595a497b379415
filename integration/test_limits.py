"""Limits per kernel set in the kernelspec, as a shared server sets them:
`gopar install --env GOMAXPROCS=1 --env GOPAR_MEMORY_LIMIT=512MiB` writes
them into kernel.json's env; a kernel started from it uses one core for
Go's scheduler and the runtime's workers, and refuses an allocation beyond
its share with a MemoryError that names the setting, staying alive with
its state."""

import subprocess

from kernel_helpers import Kernel, error_text

NAME = "gopar-limited"


def test_limits_from_the_kernelspec(gopar_bin):
    p = subprocess.run([gopar_bin, "install", "--user", "--name", NAME, "--env", "GOMAXPROCS=1",
                        "--env", "GOPAR_MEMORY_LIMIT=512MiB"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
    try:
        k = Kernel(kernel_name=NAME)
        try:
            assert k.value('import "runtime"\n\nruntime.GOMAXPROCS(0)') == "1"
            # The runtime's parallel work and measure's figures follow it.
            assert k.value("measure.CPUInfo().GOMAXPROCS") == "1"
            k.ok("kept := 7")
            reply, _ = k.execute("big := make([]float64, 200_000_000)\nbig[0] = 1", timeout=60)
            content = reply["content"]
            assert content["ename"] == "MemoryError", error_text(content)
            assert "GOPAR_MEMORY_LIMIT=512MiB" in error_text(content), error_text(content)
            assert k.is_alive()
            assert k.value("kept") == "7"
        finally:
            k.close()
    finally:
        subprocess.run([gopar_bin, "uninstall", "--user", "--name", NAME], capture_output=True, timeout=60)
