"""Types declared in plain cells are compiled with their methods, through a
real kernel: they keep their names and methods at run time (%T, String in
a slice, errors.As), their unexported fields work from interpreted cells,
a method added later compiles the type anew with a note, what cannot be
compiled says why in %native, and a restarted kernel reuses the build."""

import os

from kernel_helpers import Kernel, error_text, stream_text

BUILD = 300  # a first build of the runtime in plugin mode may be slow


def run(kernel, code, timeout=BUILD):
    reply, msgs = kernel.execute(code, timeout=timeout)
    assert reply["content"]["status"] == "ok", error_text(reply["content"])
    return stream_text(msgs), stream_text(msgs, "stderr")


def type_status(kernel):
    """The types in %native as {name: "native" or why not}."""
    out, _ = run(kernel, "%native")
    status = {}
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) >= 3 and parts[1] == "type":
            status[parts[2]] = "native" if parts[0] == "native" else (parts[3] if len(parts) > 3 else "")
    return status


POINT = [
    "type Point struct{ X, Y int }",
    'func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }',
    "type account struct {\n\tname    string\n\tbalance int\n}",
    "func (a *account) Deposit(n int) { a.balance += n }",
    "type NotFound struct{ Name string }",
    'func (e *NotFound) Error() string { return e.Name + " not found" }',
]


def test_cell_types_keep_names_and_methods(kernel):
    for cell in POINT:
        run(kernel, cell)
    out, _ = run(kernel, 'ps := []Point{{1, 2}, {3, 4}}\nfmt.Printf("%T %v\\n", ps[0], ps)')
    assert out == "main.Point [(1,2) (3,4)]\n"
    out, _ = run(kernel, 'err := fmt.Errorf("open: %w", &NotFound{"x"})\n'
                         'var nf *NotFound\nfmt.Println(errors.As(err, &nf), nf.Name)')
    assert out == "true x\n"
    out, _ = run(kernel, 'a := account{"ann", 10}\na.Deposit(5)\na.balance++\nfmt.Printf("%T %v %d\\n", a, a, a.balance)')
    assert out == "main.account {ann 16} 16\n"
    status = type_status(kernel)
    assert status["Point"] == "native" and status["account"] == "native", status
    # A method in a later cell: the type is compiled again, with a note.
    _, err = run(kernel, "func (p Point) Norm() int { return p.X*p.X + p.Y*p.Y }")
    out, err2 = run(kernel, "fmt.Println(Point{3, 4}.Norm(), []Point{{5, 6}})")
    assert out == "25 [(5,6)]\n"
    assert "type Point is compiled again" in err + err2


def test_what_stays_interpreted_says_why(kernel):
    run(kernel, "type pet struct {\n\tn   string\n\ttoy any\n}")
    run(kernel, "type inner struct{ X int }\ntype Box struct {\n\tinner\n\tV any\n}")
    run(kernel, "type Named struct{ inner }")
    run(kernel, 'fmt.Println(pet{"rex", nil}, Box{inner{3}, 1})')
    status = type_status(kernel)
    assert "interface other than error" in status["pet"], status
    assert "interface other than error" in status["Box"], status
    # Embedded in an interpreted type, a type stays interpreted; embedding
    # alone compiles.
    assert "embedded in Box" in status["inner"], status
    assert "inner, which is interpreted" in status["Named"], status


def test_restart_reuses_the_compiled_types(gopar_env):
    cache = os.path.join(os.environ["GOPAR_JIT_CACHE"], "plugins")
    listings = []
    for _ in range(2):
        k = Kernel()
        try:
            for cell in POINT[:2]:
                run(k, cell)
            out, _ = run(k, 'fmt.Printf("%v %T\\n", []Point{{1, 2}}, Point{})')
            assert out == "[(1,2)] main.Point\n"
            listings.append(sorted(os.listdir(cache)))
        finally:
            k.close()
    # The second kernel loaded the plugins the first built, and built none.
    assert listings[0] == listings[1], listings
