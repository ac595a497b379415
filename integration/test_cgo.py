"""C code in %%jit cells (cgo), through a real kernel: the lesson
"Calling external C libraries" in Go. C in a cell's import "C" preamble or
in a file written by %%writefile, wrapped by Go functions other cells call;
C calls from goroutines running in parallel (Go has no GIL); C errors at
the cell's or the file's lines; the error where there is no C compiler."""

import os
import time

import pytest

from kernel_helpers import Kernel, error_text, stream_text

SUM_RANGE_C = """long long sum_range(long long high)
{
  long long i;
  long long s = 0LL;

  for (i = 0LL; i < high; i++)
      s += (long long)i;

  return s;
}
"""

CONDITIONAL_SUM_RANGE_C = """long long conditional_sum_range(long long to)
{
  long long i;
  long long s = 0LL;

  for (i = 0LL; i < to; i++)
    if (i % 3 == 0)
      s += i;

  return s;
}
"""

# together tells whether another call was inside C with this one, waiting
# up to ten seconds to see it: with a lock around C calls (a GIL) the two
# calls would never meet.
TOGETHER = """%%jit
/*
#include <time.h>
static int inside;
static int together(void) {
\t__atomic_add_fetch(&inside, 1, __ATOMIC_SEQ_CST);
\ttime_t end = time(NULL) + 10;
\tint seen = 0;
\twhile (!seen && time(NULL) < end)
\t\tseen = __atomic_load_n(&inside, __ATOMIC_SEQ_CST) >= 2;
\treturn seen;
}
*/
import "C"

func together() bool { return C.together() != 0 }
"""

RUN_TOGETHER = """import "sync"
var wg sync.WaitGroup
seen := make([]bool, 2)
for i := range seen {
\twg.Add(1)
\tgo func() {
\t\tdefer wg.Done()
\t\tseen[i] = together()
\t}()
}
wg.Wait()
seen"""


@pytest.fixture
def cgo_kernel(kernel, tmp_path):
    """A kernel working in a directory of its own, where %%writefile writes."""
    kernel.ok("%cd -q " + str(tmp_path))
    return kernel


def test_c_in_the_preamble(cgo_kernel):
    k = cgo_kernel
    out = stream_text(k.ok("%%jit -v\n/*\n" + SUM_RANGE_C + "*/\nimport \"C\"\n\n"
                           "func sumRange(n int) int { return int(C.sum_range(C.longlong(n))) }", timeout=300))
    assert "sumRange(n int) int" in out, out
    assert k.value("sumRange(10_000_000)") == "49999995000000"
    # The formula agrees, as in the lesson.
    assert k.value("high := 10_000_000\nhigh*(high-1)/2 - sumRange(high)") == "0"
    timing = stream_text(k.ok("%timeit sumRange(10_000_000)", timeout=120))
    assert "per loop" in timing, timing


def test_c_from_a_written_file(cgo_kernel, tmp_path):
    k = cgo_kernel
    assert "Writing sum_range.c" in stream_text(k.ok("%%writefile sum_range.c\n" + SUM_RANGE_C + "\n" + CONDITIONAL_SUM_RANGE_C))
    assert (tmp_path / "sum_range.c").is_file()
    jit = ("%%jit\n// #include \"sum_range.c\"\nimport \"C\"\n\n"
           "func sumRange(n int) int { return int(C.sum_range(C.longlong(n))) }\n"
           "func conditionalSumRange(n int) int { return int(C.conditional_sum_range(C.longlong(n))) }")
    k.ok(jit, timeout=300)
    assert k.value("sumRange(10_000_000)") == "49999995000000"
    assert k.value("conditionalSumRange(10_000_000)") == "16666668333333"
    # Nothing of the build lands in the working directory.
    assert sorted(os.listdir(tmp_path)) == ["sum_range.c"]
    # A changed file builds anew when the cell runs again.
    k.ok("%%writefile sum_range.c\n" + SUM_RANGE_C.replace("s += (long long)i;", "s += 2 * (long long)i;")
         + "\n" + CONDITIONAL_SUM_RANGE_C)
    out = stream_text(k.ok(jit.replace("%%jit", "%%jit -v", 1), timeout=300))
    assert "compiled in" in out, out
    assert k.value("sumRange(10)") == "90"


def test_c_calls_run_in_parallel(cgo_kernel):
    k = cgo_kernel
    k.ok(TOGETHER, timeout=300)
    t0 = time.monotonic()
    assert k.value(RUN_TOGETHER, timeout=60) == "[true true]"
    assert time.monotonic() - t0 < 10


def test_c_printf_reaches_the_cell(cgo_kernel):
    k = cgo_kernel
    k.ok("%%jit\n// #include <stdio.h>\n// static void hello(int n) { printf(\"hello from C, %d\\n\", n); }\n"
         "import \"C\"\n\nfunc hello(n int) { C.hello(C.int(n)) }", timeout=300)
    assert "hello from C, 7" in stream_text(k.ok("hello(7)"))


def test_c_errors_point_at_the_cell_and_the_file(cgo_kernel):
    k = cgo_kernel
    k.ok("kept := 11")
    k.ok("%%writefile broken.c\nlong long broken(long long high)\n{\n  long long s = 0LL;\n  s += high\n  return s;\n}\n")
    cases = [
        ("%%jit\n/*\nstatic int twice(int x) { return 2*x }\n*/\nimport \"C\"\nfunc twice(x int) int { return int(C.twice(C.int(x))) }",
         ["line 3, col 37: error: expected ';' before '}' token"]),
        ("%%jit\n// #include \"broken.c\"\nimport \"C\"\nfunc broken(n int) int { return int(C.broken(C.longlong(n))) }",
         ["broken.c, line 4, col 12: error: expected ';' before 'return'", "(included from In ["]),
        ("%%jit\n// #include \"nowhere.c\"\nimport \"C\"\nfunc f() int { return int(C.nowhere()) }",
         ["line 2, col 13: fatal error: nowhere.c: No such file or directory", "%%writefile"]),
        ("%%jit\n// long long twice(long long x) { return 2*x; }\nimport \"C\"\nfunc twice(n int) int { return int(C.twice(C.long(n))) }",
         ["line 4, col 44: cannot use C.long(n)", "as C.longlong value"]),
    ]
    for code, parts in cases:
        reply, _ = k.execute(code, timeout=300)
        c = reply["content"]
        assert c["status"] == "error" and c["ename"] == "CompileError", c
        text = error_text(c)
        for part in parts:
            assert part in text, (part, text)
        # No wall of go build output: no build paths, no quoted source.
        assert "jitcell" not in text and " | " not in text, text
        assert len(c["traceback"]) < 8, c["traceback"]
    # The kernel and its state live on.
    assert k.value("kept") == "11"


def test_import_c_outside_jit_says_to_use_jit(cgo_kernel):
    reply, _ = cgo_kernel.execute("// int one(void) { return 1; }\nimport \"C\"\nx := C.one()")
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "CompileError", c
    text = error_text(c)
    assert "line 2, col 8: import \"C\" (cgo) works only in a %%jit cell" in text, text
    assert "%%jit\n// #include \"sum_range.c\"" in text, text
    assert cgo_kernel.value("1 + 1") == "2"


def test_without_a_c_compiler(gopar_env, tmp_path):
    missing = str(tmp_path / "no-such-cc")
    saved = os.environ.get("CC")
    os.environ["CC"] = missing
    try:
        k = Kernel()
    finally:
        if saved is None:
            del os.environ["CC"]
        else:
            os.environ["CC"] = saved
    try:
        reply, _ = k.execute("%%jit\n// int one(void) { return 1; }\nimport \"C\"\nfunc one() int { return int(C.one()) }", timeout=300)
        c = reply["content"]
        assert c["status"] == "error" and c["ename"] == "JITError", c
        text = error_text(c)
        assert "cgo is unavailable: CC=" + missing + " names a C compiler that is not found" in text, text
        assert "apt-get install gcc" in text and "%env CC=" in text, text
        # Setting CC in the kernel makes the next %%jit cell work.
        k.ok("%env CC=")
        k.ok("%%jit\n// int one(void) { return 1; }\nimport \"C\"\nfunc one() int { return int(C.one()) }", timeout=300)
        assert k.value("one()") == "1"
    finally:
        k.close()
