"""Packages of any Go module in cells, through a real kernel: gonum (mat,
stat, floats), a module of generic functions (samber/lo) and one that
registers itself in init (lib/pq, a database/sql driver), fetched by the
go command from the module proxy, built once and loaded from the cache by
the next kernel; %go get and %go list; the versions gopar run records in
a notebook's metadata; the errors of a module that does not exist, a
version not found, downloads turned off and a version the kernel cannot
change."""

import json
import subprocess

from kernel_helpers import Kernel, error_text, stream_text

# Fetching and building a module's package the first time takes a while
# on a loaded machine; later kernels load it from the cache.
BUILD = 400

JUPYTER = "/usr/bin/jupyter"
GONUM = "gonum.org/v1/gonum"
LO = "github.com/samber/lo"

SOLVE = """import "gonum.org/v1/gonum/mat"

a := mat.NewDense(2, 2, []float64{2, 1, 1, 3})
b := mat.NewVecDense(2, []float64{3, 5})
var x mat.VecDense
if err := x.SolveVec(a, b); err != nil {
\tpanic(err)
}
fmt.Printf("%.3f %.3f\\n", x.AtVec(0), x.AtVec(1))"""


def test_gonum_in_cells_and_from_the_cache(kernel, gopar_env):
    k = kernel
    msgs = k.ok(SOLVE, timeout=BUILD)
    assert stream_text(msgs) == "0.800 1.400\n"
    progress = stream_text(msgs, "stderr")
    assert "gopar: building gonum.org/v1/gonum/mat" in progress, progress
    assert "%go get gonum.org/v1/gonum@v" in progress, progress
    # The solution checks out, through the interpreter and the package.
    assert k.value("var r mat.VecDense\nr.MulVec(a, &x)\nr.AtVec(0) - 3 + r.AtVec(1) - 5") == "0"
    assert k.value('import "gonum.org/v1/gonum/stat"\n\nxs := []float64{2, 4, 4, 4, 5, 5, 7, 9}\n'
                   'm, sd := stat.MeanStdDev(xs, nil)\nfmt.Sprintf("%.4f %.4f", m, sd)', timeout=BUILD) == '"5.0000 2.1381"'
    assert k.value('import "gonum.org/v1/gonum/floats"\n\nfloats.Sum(xs)', timeout=BUILD) == "40"
    # A function declared in a cell runs native code that calls the package.
    k.ok("func norm(v []float64) float64 { return floats.Norm(v, 2) }")
    assert k.value("norm([]float64{3, 4})") == "5"
    native = stream_text(k.ok("%native"))
    assert "native" in native and "norm" in native, native
    listed = stream_text(k.ok("%go list"))
    assert listed.startswith(GONUM + "  v"), listed

    # The next kernel finds the module and the built package in the caches.
    other = Kernel()
    try:
        msgs = other.ok(SOLVE, timeout=60)
        assert stream_text(msgs) == "0.800 1.400\n"
        assert "building" not in stream_text(msgs, "stderr")
    finally:
        other.close()


def test_generics_and_init(kernel):
    k = kernel
    assert k.value('import "github.com/samber/lo"\n\nlo.Uniq([]int{1, 2, 2, 3, 1})', timeout=BUILD) == "[1 2 3]"
    # A generic function is compiled for the type arguments the cell uses.
    assert k.value("lo.Map([]int{1, 2, 3}, func(x int, _ int) string { return strconv.Itoa(x * x) })", timeout=BUILD) == "[1 4 9]"
    assert k.value("lo.Max([]float64{1.5, 7.25, 3})", timeout=BUILD) == "7.25"
    k.ok("func total(xs []int) int { return lo.Sum(xs) }", timeout=BUILD)
    assert k.value("total([]int{1, 2, 3, 4})", timeout=BUILD) == "10"
    # A generic type cannot be named by interpreted code; a %%jit cell can,
    # and values of it that compiled functions return work in cells.
    reply, _ = k.execute("var pair lo.Tuple2[int, string]")
    text = error_text(reply["content"])
    assert "lo.Tuple2 is a generic type of github.com/samber/lo" in text and "%%jit" in text, text
    assert k.value('lo.T2(2, "b").A', timeout=BUILD) == "2"
    k.ok('%%jit\nimport "github.com/samber/lo"\n\nfunc second(a int, b string) string { return lo.T2(a, b).B }', timeout=BUILD)
    assert k.value('second(1, "x")') == '"x"'
    # The driver registers itself with database/sql when its package loads.
    drivers = k.value('import (\n\t"database/sql"\n\n\t_ "github.com/lib/pq"\n)\n\nsql.Drivers()', timeout=BUILD)
    assert "postgres" in drivers, drivers


def test_versions_chosen_with_go_get(kernel):
    k = kernel
    said = stream_text(k.ok("%go get " + LO + "@v1.52.0", timeout=BUILD))
    assert LO + "  v1.52.0" in said, said
    assert k.value('import "github.com/samber/lo"\n\nlo.Uniq([]string{"a", "a"})', timeout=BUILD) == "[a]"
    assert LO + "  v1.52.0" in stream_text(k.ok("%go list"))
    versions = stream_text(k.ok("%go list -m -versions " + LO, timeout=60))
    assert "v1.52.0" in versions and "v1.53.0" in versions, versions
    # Loaded packages keep their version until a restart.
    k.ok("kept := 42")
    reply, _ = k.execute("%go get " + LO + "@v1.53.0")
    assert reply["content"]["ename"] == "ModuleError"
    text = error_text(reply["content"])
    assert "github.com/samber/lo v1.52.0 is loaded in this kernel already" in text and "restart the kernel" in text, text
    # A module compiled into the kernel keeps its version too.
    reply, _ = k.execute("%go get github.com/google/uuid@v1.3.0", timeout=60)
    assert "is compiled into the kernel" in error_text(reply["content"])
    assert k.value("kept") == "42"


def test_module_errors(kernel, monkeypatch):
    k = kernel
    k.ok("kept := 7")
    cases = [
        ('import "example.invalid/nope"', ["no such module: example.invalid/nope", "GOPRIVATE"]),
        ("%go get gonum.org/v1/gonum@v9.9.9", ["version not found: gonum.org/v1/gonum@v9.9.9", "%go list -versions"]),
        ('import "gonum.org/v1/gonum/nope"', ["has no package gonum.org/v1/gonum/nope"]),
        ("%go build", ["%go build is not supported"]),
    ]
    for code, wants in cases:
        reply, _ = k.execute(code, timeout=120)
        assert reply["content"]["status"] == "error", code
        text = error_text(reply["content"])
        for want in wants:
            assert want in text, (code, text)
    assert k.value("kept") == "7"

    # With downloads off, a module not in the module cache says which
    # setting to change; the kernel goes on.
    monkeypatch.setenv("GOPROXY", "off")
    off = Kernel()
    try:
        reply, _ = off.execute('import "github.com/mattn/go-runewidth"', timeout=60)
        text = error_text(reply["content"])
        assert "module downloads are off (GOPROXY=off)" in text and "set GOPROXY" in text, text
        assert off.value("1 + 1") == "2"
    finally:
        off.close()


def test_versions_recorded_by_gopar_run_and_reused(gopar_bin, tmp_path):
    cells = ['import "github.com/samber/lo"\n\nlo.Uniq([]int{3, 3})', "%go list"]
    nb = {"nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "gopar", "display_name": "Go (gopar)", "language": "go"}},
          "cells": [{"cell_type": "code", "id": f"c{i}", "source": c, "metadata": {}, "outputs": [], "execution_count": None}
                    for i, c in enumerate(cells)]}
    path = tmp_path / "mods.ipynb"

    def run(metadata):
        nb["metadata"].pop("gopar", None)
        nb["metadata"].update(metadata)
        path.write_text(json.dumps(nb))
        p = subprocess.run([gopar_bin, "run", "mods.ipynb"], cwd=tmp_path, capture_output=True, text=True, timeout=BUILD)
        assert p.returncode == 0, p.stdout + p.stderr
        return json.loads((tmp_path / "mods.nbconvert.ipynb").read_text())

    out = run({})
    recorded = out["metadata"]["gopar"]["modules"]
    assert recorded[LO].startswith("v1."), recorded
    # The recorded version is the one the next run gets, not the latest.
    out = run({"gopar": {"modules": {LO: "v1.52.0"}}})
    assert out["metadata"]["gopar"]["modules"] == {LO: "v1.52.0"}
    listed = "".join(out["cells"][1]["outputs"][0]["text"])
    assert LO + "  v1.52.0" in listed, listed

    # nbconvert names no notebook to the kernel, which starts in the
    # notebook's directory: the versions its notebooks recorded are used.
    (tmp_path / "mods.nbconvert.ipynb").unlink()
    p = subprocess.run([JUPYTER, "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=gopar",
                        "--output", "converted", "mods.ipynb"], cwd=tmp_path, capture_output=True, text=True, timeout=BUILD)
    assert p.returncode == 0, p.stdout + p.stderr
    converted = json.loads((tmp_path / "converted.ipynb").read_text())
    listed = "".join(converted["cells"][1]["outputs"][0]["text"])
    assert LO + "  v1.52.0" in listed, listed


def test_generic_function_without_native_code(monkeypatch):
    # With native code off, a module's generic function cannot be compiled
    # for the cell's types: the error says so and what to do.
    monkeypatch.setenv("GOPAR_NATIVE", "0")
    k = Kernel()
    try:
        reply, _ = k.execute('import "github.com/samber/lo"\n\nlo.Uniq([]int{1, 1})', timeout=BUILD)
        text = error_text(reply["content"])
        assert "lo.Uniq is generic" in text and "native code is off in this kernel (GOPAR_NATIVE=0)" in text, text
        assert "call it from a function declared in a cell" in text, text
        assert k.value("1 + 1") == "2"
    finally:
        k.close()


def test_kernel_reads_the_notebooks_recorded_versions(tmp_path, monkeypatch):
    # A Jupyter server names the notebook in JPY_SESSION_NAME and starts
    # the kernel in its directory: the versions recorded there are used.
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": [],
          "metadata": {"kernelspec": {"name": "gopar", "display_name": "Go (gopar)", "language": "go"},
                       "gopar": {"modules": {LO: "v1.52.0"}}}}
    (tmp_path / "pinned.ipynb").write_text(json.dumps(nb))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JPY_SESSION_NAME", "some/dir/pinned.ipynb")
    k = Kernel()
    try:
        assert k.value('import "github.com/samber/lo"\n\nlo.Uniq([]int{5, 5})', timeout=BUILD) == "[5]"
        assert LO + "  v1.52.0" in stream_text(k.ok("%go list"))
    finally:
        k.close()
