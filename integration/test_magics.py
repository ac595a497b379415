"""Magics through jupyter_client against a real gopar kernel: IPython's
formats for %%time, %%timeit and %memit, and the everyday ones."""

import re
import time

from kernel_helpers import error_text, result_text, stream_text

TIME_RE = r"\d+(\.\d+)? (s|ms|µs|ns)"
CPU_LINE = re.compile(r"^CPU times: user %s, sys: %s, total: %s$" % (TIME_RE, TIME_RE, TIME_RE), re.M)
WALL_LINE = re.compile(r"^Wall time: %s$" % TIME_RE, re.M)


def test_cell_time_keeps_the_result(kernel):
    msgs = kernel.ok("%%time\nx := 6\nx * 7")
    out = stream_text(msgs)
    assert CPU_LINE.search(out), out
    assert WALL_LINE.search(out), out
    assert result_text(msgs) == "42"


def test_line_time_between_statements(kernel):
    msgs = kernel.ok('import "time"\na := 1\n%time time.Sleep(50 * time.Millisecond)\nb := a + 1\nb')
    out = stream_text(msgs)
    wall = WALL_LINE.search(out)
    assert wall, out
    assert result_text(msgs) == "2"


def test_timeit_format_and_result(kernel):
    kernel.ok("func work() int { s := 0; for i := range 100 { s += i }; return s }")
    msgs = kernel.ok("%timeit -n 20 -r 3 work()")
    out = stream_text(msgs)
    assert re.search(
        r"^%s ± %s per loop \(mean ± std\. dev\. of 3 runs, 20 loops each\)$" % (TIME_RE, TIME_RE), out, re.M
    ), out
    kernel.ok("t := %timeit -o -q -n 5 -r 2 work()")
    assert kernel.value("t.Loops") == "5"
    assert kernel.value("t.Repeat") == "2"
    assert kernel.value("len(t.AllRuns)") == "2"
    assert kernel.value("t.Average > 0") == "true"


def test_cell_timeit_runs_setup_untimed(kernel):
    kernel.ok("setups := 0")
    msgs = kernel.ok("%%timeit -n 3 -r 4 setups++\n_ = setups * 2")
    assert "of 4 runs, 3 loops each" in stream_text(msgs)
    assert kernel.value("setups") == "4"


def test_memit_sees_an_allocation(kernel):
    msgs = kernel.ok(
        "%memit big := make([]byte, 300<<20); for i := 0; i < len(big); i += 4096 { big[i] = 1 }"
    )
    out = stream_text(msgs)
    m = re.search(r"peak memory: ([\d.]+) MiB, increment: ([\d.]+) MiB", out)
    assert m, out
    assert float(m.group(2)) > 200, out


def test_memit_reports_live_data_not_garbage(kernel):
    """An interpreted loop makes garbage at each step while it fills an
    array of D = 152.6 MiB: the increment stays within 1.25 D + 50 MiB
    (Go's default collector let it reach twice D), and so does
    measure.MemoryUsage's."""
    d = 20_000_000 * 8 / 2**20
    fill = "filled := make([]int64, 20_000_000)\nfor i := range filled {\n\tfilled[i] = int64(i)\n}"
    out = stream_text(kernel.ok("%%memit\n" + fill))
    m = re.search(r"increment: ([\d.]+) MiB", out)
    assert m, out
    assert d * 0.9 < float(m.group(1)) <= 1.25 * d + 50, out
    kernel.ok("filled = nil")
    usage = stream_text(kernel.ok(
        "var kept []int64\n"
        "u := measure.MemoryUsage(func() {\n\tkept = make([]int64, 20_000_000)\n\tfor i := range kept {\n\t\tkept[i] = int64(i)\n\t}\n}, 0.05)\n"
        "peak := 0.0\nfor _, x := range u {\n\tpeak = max(peak, x)\n}\nfmt.Println(peak - u[0])"
    ))
    assert d * 0.9 < float(usage) <= 1.25 * d + 50, usage


def test_lsmagic_and_help(kernel):
    text = result_text(kernel.ok("%lsmagic")) or stream_text(kernel.ok("%lsmagic"))
    for name in ("%time", "%timeit", "%memit", "%%time", "%%timeit", "%%bash", "%cd", "%env", "%who"):
        assert name in text, text
    help_text = stream_text(kernel.ok("%timeit?"))
    assert "-n" in help_text and "-r" in help_text


def test_unknown_magic_suggests(kernel):
    reply, msgs = kernel.execute("%timit f()")
    assert reply["content"]["status"] == "error"
    text = error_text(reply["content"])
    assert "%timeit" in text, text
    assert kernel.value("1 + 1") == "2"


def test_shell_lines(kernel):
    msgs = kernel.ok("!echo hello from the shell\n!exit 3")
    assert "hello from the shell" in stream_text(msgs)
    assert "3" in stream_text(msgs, "stderr")
    # The workshop's commands: nproc prints the number of cores.
    assert stream_text(kernel.ok("!nproc")).strip().isdigit()


def test_env_cd_pwd_writefile_bash_who(kernel, tmp_path):
    kernel.ok("%env GOPAR_TEST_VAR=42")
    msgs = kernel.ok("%env GOPAR_TEST_VAR")
    assert "42" in stream_text(msgs) + (result_text(msgs) or "")
    # One environment: %env, cells, native functions and ! commands.
    assert kernel.value('import "os"\n\nos.Getenv("GOPAR_TEST_VAR")') == '"42"'
    kernel.ok('os.Setenv("GOPAR_TEST_VAR", "43")')
    assert "43" in stream_text(kernel.ok("!echo $GOPAR_TEST_VAR"))
    kernel.ok('func fromEnv() string { return os.Getenv("GOPAR_TEST_VAR") }')
    assert kernel.value("fromEnv()") == '"43"'
    kernel.ok("%cd " + str(tmp_path))
    assert str(tmp_path) in (result_text(kernel.ok("%pwd")) or "")
    out = stream_text(kernel.ok("%%writefile notes.txt\nfirst line\n"))
    assert "Writing notes.txt" in out
    assert (tmp_path / "notes.txt").read_text() == "first line\n"
    assert "Appending to notes.txt" in stream_text(kernel.ok("%%writefile -a notes.txt\nsecond line\n"))
    assert "first line\nsecond line" in stream_text(kernel.ok("%%bash\ncat notes.txt"))
    kernel.ok("whoA := 1\nwhoB := \"s\"")
    who = stream_text(kernel.ok("%who"))
    assert "whoA" in who and "whoB" in who


def test_interrupt_stops_timeit(kernel):
    kernel.ok("func spin() { for i := 0; i < 1_000_000; i++ {} }")
    msg_id = kernel.kc.execute("%timeit -n 100000 -r 7 spin()")
    time.sleep(1.0)
    t0 = time.monotonic()
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, timeout=10)
    assert time.monotonic() - t0 < 3
    assert reply["content"]["status"] == "error"
    kernel.iopub_until_idle(msg_id)
    assert kernel.value("2 * 21") == "42"


def test_complete_magics(kernel):
    msg_id = kernel.kc.complete("%tim", 4)
    c = kernel.shell_reply(msg_id)["content"]
    assert {"%time", "%timeit"} <= set(c["matches"])
    msg_id = kernel.kc.complete("%%tim", 5)
    c = kernel.shell_reply(msg_id)["content"]
    assert {"%%time", "%%timeit"} <= set(c["matches"])
