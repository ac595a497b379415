"""Cells behave as Go does, through jupyter_client: every cell is
type-checked (errors in go build's words, at the cell's own lines), and the
rewrites the checker's types allow reach the notebook (%T and String of
cell types, generics, iterators, per-iteration loop variables)."""

from kernel_helpers import error_text, stream_text


def run(kernel, code):
    reply, msgs = kernel.execute(code)
    assert reply["content"]["status"] == "ok", error_text(reply["content"])
    return stream_text(msgs)


def test_type_errors_in_go_build_words(kernel):
    kernel.ok("var n int")
    reply, _ = kernel.execute('s := "x"\nn = s')
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "CompileError"
    assert c["evalue"] == "cannot use s (variable of type string) as int value in assignment", c["evalue"]
    assert "In [%d], line 2, col 5" % c["execution_count"] in "\n".join(c["traceback"]), c["traceback"]
    # The failed cell changed nothing: n is still an int.
    assert kernel.value("n + 1") == "1"


def test_syntax_error_stays_inside_the_cell(kernel):
    reply, _ = kernel.execute("x := 1\ny := x +")
    c = reply["content"]
    n = c["execution_count"]
    tb = "\n".join(c["traceback"])
    assert "In [%d], line 2" % n in tb and "line 3" not in tb, tb


def test_unused_variables_and_imports_are_allowed(kernel):
    kernel.ok('import "os"\nunused := 1')


def test_users_name_wins_over_the_runtime(kernel):
    run(kernel, "func measure(x int) int { return 2 * x }")
    assert kernel.value("measure(21)") == "42"


def test_cell_types_print_as_go(kernel):
    run(kernel, "type Celsius float64")
    run(kernel, 'func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }')
    run(kernel, "type Point struct{ X, Y int }")
    out = run(kernel, 'import "fmt"\nfmt.Printf("%T %T %#v\\n", Celsius(1), Point{}, Point{1, 2})\n'
              "fmt.Println([]Celsius{20, 21.5}, map[string]Celsius{\"a\": 3})")
    assert out == "main.Celsius main.Point main.Point{X:1, Y:2}\n[20.0°C 21.5°C] map[a:3.0°C]\n", out


def test_generics_and_iterators(kernel):
    run(kernel, "func Map[T, U any](xs []T, f func(T) U) []U {\n"
                "\tout := make([]U, 0, len(xs))\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}")
    out = run(kernel, 'import ("fmt"; "maps"; "slices"; "strconv")\n'
              "ys := Map([]int{1, 2, 3}, func(x int) string { return strconv.Itoa(x * x) })\n"
              "fmt.Println(ys, slices.Sorted(maps.Keys(map[string]int{\"b\": 1, \"a\": 2})))\n"
              "for i, v := range slices.All([]string{\"x\", \"y\"}) {\n\tif i > 0 {\n\t\tbreak\n\t}\n\tfmt.Println(i, v)\n}")
    assert out == "[1 4 9] [a b]\n0 x\n", out


def test_deferred_closures_see_their_iteration(kernel):
    run(kernel, 'import "fmt"\nfunc f() {\n\tfor i := range 3 {\n\t\tdefer func() { fmt.Print(i) }()\n\t}\n}')
    assert run(kernel, "f()") == "210"


def test_a_type_defined_anew(kernel):
    run(kernel, "type Point struct{ X int }")
    run(kernel, "func (p Point) Norm() int { return p.X }")
    run(kernel, "old := Point{3}")
    reply, msgs = kernel.execute("type Point struct{ X, Y int }")
    assert reply["content"]["status"] == "ok", error_text(reply["content"])
    assert "defined anew" in stream_text(msgs, "stderr")
    run(kernel, "func (p Point) Norm() int { return p.X + p.Y }")
    out = run(kernel, 'import "fmt"\np := Point{1, 2}\nfmt.Printf("%T %v %d\\n", p, p, p.Norm())')
    assert out == "main.Point {1 2} 3\n", out
    reply, msgs = kernel.execute("old.Norm()")
    assert reply["content"]["status"] == "ok", error_text(reply["content"])
    assert "old holds a value of an earlier definition of Point" in stream_text(msgs, "stderr")


def test_declarations_in_any_order(kernel):
    reply, msgs = kernel.execute("func isEven(n int) bool { return n == 0 || isOdd(n-1) }")
    assert reply["content"]["status"] == "ok", error_text(reply["content"])
    assert "isEven is not declared yet: it uses isOdd" in stream_text(msgs, "stderr")
    reply, _ = kernel.execute("isEven(2)")
    assert "it waits for isOdd" in error_text(reply["content"])
    run(kernel, "func isOdd(n int) bool { return n != 0 && isEven(n-1) }")
    assert kernel.value("isEven(10) && isOdd(7)") == "true"
