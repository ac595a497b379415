"""%%monitor through the kernel: a live per-core view, updated in place,
that ends as a plot, around a cell whose own output is unchanged."""

import base64
import re
import subprocess
import time

import nbformat

from kernel_helpers import error_text, of_type, result_text, stream_text

# Keeps both cores of the machine busy for about a second.
BUSY = """%%monitor -i 0.1
var wg sync.WaitGroup
for w := 0; w < 2; w++ {
\twg.Add(1)
\tgo func() {
\t\tdefer wg.Done()
\t\tend := time.Now().Add(time.Second)
\t\tfor time.Now().Before(end) {
\t\t}
\t}()
}
wg.Wait()
fmt.Println("both cores done")
6 * 7"""

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _views(msgs):
    """The monitor's display_data and its update_display_data, checked to
    be one display updated in place; returns (first, updates)."""
    shown = of_type(msgs, "display_data")
    assert len(shown) == 1, "want one display, got %r" % [m["content"]["data"].get("text/plain") for m in shown]
    first = shown[0]["content"]
    display_id = first.get("transient", {}).get("display_id")
    assert display_id, "the live view has no display_id: %r" % first
    assert "text/html" in first["data"] and first["data"]["text/plain"].startswith("CPU load per core")
    updates = [m["content"] for m in of_type(msgs, "update_display_data")]
    assert updates, "the live view was never updated"
    for u in updates:
        assert u["transient"]["display_id"] == display_id
    return first, updates


def _final_plot(updates):
    last = updates[-1]["data"]
    assert "image/png" in last, "the view does not end as a plot: %r" % last.get("text/plain")
    assert base64.b64decode(last["image/png"]).startswith(PNG_MAGIC)
    return last["text/plain"]


def test_monitor_shows_cores_live_then_a_plot(kernel):
    msgs = kernel.ok(BUSY, timeout=60)
    first, updates = _views(msgs)
    live = [u for u in updates if "image/png" not in u["data"]]
    assert len(live) >= 3, "%d live updates in a second sampled every 0.1 s" % len(live)
    for u in live:
        text = u["data"]["text/plain"]
        assert re.search(r"^cpu0 +\[[# ]{20}\] +\d+%$", text, re.M), text
        assert "text/html" in u["data"]
    summary = _final_plot(updates)
    means = [int(m) for m in re.findall(r"mean +(\d+)%", summary)]
    assert len(means) >= 2, summary
    # Both cores were kept busy; other work on the machine only adds.
    assert sum(means) / len(means) >= 50, summary
    # The cell's own output and result, as without the magic.
    assert stream_text(msgs) == "both cores done\n"
    assert result_text(msgs) == "42"
    # The view comes first, the cell's output below it.
    kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("display_data", "stream", "execute_result")]
    assert kinds[0] == "display_data" and kinds[-1] == "execute_result", kinds


def test_bad_options_are_usage_errors(kernel):
    for code, want in [
        ("%%monitor -i 0\nfmt.Println(1)", "-i takes the seconds between samples, from 0.05 to 3600"),
        ("%%monitor -i abc\nfmt.Println(1)", 'not "abc"'),
        ("%%monitor -q\nfmt.Println(1)", "option -q not recognized"),
        ("%%monitor f()\nfmt.Println(1)", "takes only options on its line"),
        ("%%monitor", "needs the code to watch"),
    ]:
        reply, msgs = kernel.execute(code, retry_aborted=True)
        content = reply["content"]
        assert content["status"] == "error", code
        assert content["ename"] == "UsageError" and want in content["evalue"], error_text(content)
        assert not of_type(msgs, "display_data") and stream_text(msgs) == "", code
    kernel.assert_responsive()
    assert "%%monitor" in kernel.value("%lsmagic")


def test_failing_cell_keeps_its_error_and_gets_the_plot(kernel):
    reply, msgs = kernel.execute('%%monitor -i 0.1\ntime.Sleep(300 * time.Millisecond)\npanic("boom")')
    content = reply["content"]
    assert content["status"] == "error" and "boom" in content["evalue"], error_text(content)
    # The error's line is the cell's, the magic's line counted.
    assert "In [1], line 3" in error_text(content), error_text(content)
    _, updates = _views(msgs)
    _final_plot(updates)


def test_body_is_a_cell_with_magics(kernel):
    msgs = kernel.ok("%%monitor -i 0.1\n%time time.Sleep(200 * time.Millisecond)\n!echo from the shell")
    out = stream_text(msgs)
    assert "Wall time: " in out and "from the shell\n" in out, out
    _, updates = _views(msgs)
    _final_plot(updates)


def test_interrupted_cell_ends_with_the_plot(kernel):
    msg_id = kernel.kc.execute("%%monitor -i 0.1\nfmt.Println(\"spinning\")\nfor {\n}")
    time.sleep(1.5)
    t0 = time.monotonic()
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, timeout=15)
    msgs = kernel.iopub_until_idle(msg_id)
    assert time.monotonic() - t0 < 5
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted", error_text(reply["content"])
    _, updates = _views(msgs)
    summary = _final_plot(updates)
    seconds = float(re.search(r"over ([\d.]+) s", summary).group(1))
    assert seconds >= 1.0, "the plot stops before the interrupt: %s" % summary
    assert "spinning" in stream_text(msgs)
    kernel.assert_responsive()


def test_gopar_run_keeps_the_plot(gopar_bin, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('%%monitor -i 0.1\ntime.Sleep(400 * time.Millisecond)\nfmt.Println("slept")')]
    nbformat.write(nb, str(tmp_path / "mon.ipynb"))
    p = subprocess.run([gopar_bin, "run", "mon.ipynb"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    out = nbformat.read(str(tmp_path / "mon.nbconvert.ipynb"), 4)
    nbformat.validate(out)
    outputs = out.cells[0].outputs
    shown = [o for o in outputs if o["output_type"] == "display_data"]
    assert len(shown) == 1 and "image/png" in shown[0]["data"], outputs
    assert shown[0]["data"]["text/plain"].startswith("CPU load per core over")
    assert [o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout"] == ["slept\n"]


def test_cells_measure_cores_themselves(kernel):
    loads = kernel.value("loads := measure.CoreLoads(0.1)\nlen(loads) >= 2 && loads[0] >= 0 && loads[0] <= 100")
    assert loads == "true"
    msgs = kernel.ok("h := measure.MonitorCores(func() { time.Sleep(300 * time.Millisecond) }, 0.1)\nh")
    _, updates = _views(msgs)
    _final_plot(updates)
    # The history itself, as the cell's result, is the plot too.
    result = of_type(msgs, "execute_result")[0]["content"]["data"]
    assert "image/png" in result and result["text/plain"].startswith("CPU load per core over")
    assert kernel.value("len(h.Seconds) >= 2 && len(h.Load) == len(h.Names)") == "true"
    reply, _ = kernel.execute("measure.CoreLoads(0.001)")
    assert reply["content"]["status"] == "error"
    assert "measure.CoreLoads: the interval is 0.001 seconds: give from 0.05 to 3600" in error_text(reply["content"])
    help_text = stream_text(kernel.ok("%%monitor?"))
    assert help_text.startswith("%%monitor [-i<I>]") and "-i<I>: sample every <I> seconds" in help_text, help_text
