"""The runtime package bag (dask.bag's counterpart) in a real gopar kernel:
the cells and challenges of the lesson episode "map-and-reduce", in Go."""

import html
import re
import time

import pytest

from kernel_helpers import error_text, of_type, result_text


@pytest.fixture(scope="module")
def k(shared_kernel):
    """The shared kernel with the lesson's bag and functions declared."""
    shared_kernel.ok('b := bag.FromSequence([]string{"mary", "had", "a", "little", "lamb"}, 0)')
    shared_kernel.ok('func pred(x string) bool { return strings.Contains(x, "a") }')
    shared_kernel.ok(
        "func countChars(x []string) int {\n"
        "\tn := 0\n"
        "\tfor _, w := range x {\n"
        "\t\tn += len(w)\n"
        "\t}\n"
        "\treturn n\n"
        "}\n"
        "\n"
        "func sum(xs []int) int {\n"
        "\ts := 0\n"
        "\tfor _, x := range xs {\n"
        "\t\ts += x\n"
        "\t}\n"
        "\treturn s\n"
        "}"
    )
    return shared_kernel


def svg_labels(msgs):
    """The labels of the SVG drawing a cell displayed, as a list."""
    shown = of_type(msgs, "display_data")
    assert shown, "no display"
    svg = shown[-1]["content"]["data"]["image/svg+xml"]
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_bag_shows_itself(k):
    msgs = k.ok("b")
    data = of_type(msgs, "execute_result")[0]["content"]["data"]
    assert data["text/plain"] == "bag.Bag<from_sequence, npartitions=5>"
    assert "from_sequence" in data["text/html"]
    assert k.value("b.Map(strings.ToUpper)") == "bag.Bag<map-ToUpper, npartitions=5>"


def test_map(k):
    assert k.value("b.Map(strings.ToUpper).Compute()") == "([MARY HAD A LITTLE LAMB], <nil>)"
    k.ok("func f(x string) string { return strings.ToUpper(x) }")
    assert k.value("b.Map(f).Compute()") == "([MARY HAD A LITTLE LAMB], <nil>)"
    labels = svg_labels(k.ok("display.Show(b.Map(f).Visualize())"))
    assert labels.count("map-f") == 5 and labels.count("0") == 2, labels


def test_filter_and_map_of_a_predicate(k):
    assert k.value("b.Filter(pred).Compute()") == "([mary had a lamb], <nil>)"
    # The challenge: map of the predicate gives its values.
    assert k.value("b.Map(pred).Compute()") == "([true true true false true], <nil>)"


def test_reduction_and_its_graph(k):
    assert k.value("b.Reduction(countChars, sum).Compute()") == "(18, <nil>)"
    labels = svg_labels(k.ok("display.Show(b.Reduction(countChars, sum).Visualize())"))
    parts = [l for l in labels if l.endswith("-part")]
    aggregates = [l for l in labels if l.endswith("-aggregate")]
    assert len(parts) == 5 and len(aggregates) == 1, labels
    # The cell's functions arrive compiled, with their names, as dask's
    # count_chars-part and sum-aggregate.
    assert parts[0] == "countChars-part" and aggregates[0] == "sum-aggregate", labels
    labels = svg_labels(k.ok('display.Show(b.Map(strings.ToUpper).Sum().Visualize("LR"))'))
    assert labels.count("sum-part") == 5 and labels.count("sum-aggregate") == 1, labels


def test_pluck_challenge(k):
    k.ok(
        "data := []map[string]any{\n"
        '\t{"name": "John", "age": 42},\n'
        '\t{"name": "Mary", "age": 35},\n'
        '\t{"name": "Paul", "age": 78},\n'
        '\t{"name": "Julia", "age": 10},\n'
        "}\n"
        "people := bag.FromSequence(data, 0)"
    )
    want = "([John Mary Paul Julia], <nil>)"
    assert k.value('people.Pluck("name").Compute()') == want
    # Pluck is a map: of a function of the record, the key fixed.
    assert k.value('people.Map(func(d map[string]any) any { return d["name"] }).Compute()') == want
    assert k.value('people.Pluck("age").Mean().Compute()') == "(41.25, <nil>)"
    k.ok('_, err := people.Pluck("nme").Compute()')
    assert k.value("err") == 'bag: Pluck("nme"): partition 0, item 0 (map[string]interface {} map[age:42 name:John]): no key "nme"'


def test_pluck_of_a_cell_type(k):
    k.ok("type Person struct {\n\tName string\n\tAge  int\n}")
    k.ok('ps := bag.FromSequence([]Person{{"Ann", 30}, {"Bob", 40}, {"Cy", 30}}, 2)')
    assert k.value('ps.Pluck("Name").Compute()') == "([Ann Bob Cy], <nil>)"
    assert k.value('ps.GroupBy("Age").Compute()') == "([{30 [{Ann 30} {Cy 30}]} {40 [{Bob 40}]}], <nil>)"


def test_mean_of_pi_estimates(k):
    # The challenge, from_sequence(repeat(10**7, 24)).map(calc_pi).mean(),
    # with fewer points.
    k.ok(
        'import "math/rand/v2"\n'
        "\n"
        "func calcPi(N int) float64 {\n"
        "\tM := 0\n"
        "\tfor i := 0; i < N; i++ {\n"
        "\t\tx := -1 + 2*rand.Float64()\n"
        "\t\ty := -1 + 2*rand.Float64()\n"
        "\t\tif x*x+y*y < 1.0 {\n"
        "\t\t\tM++\n"
        "\t\t}\n"
        "\t}\n"
        "\treturn 4 * float64(M) / float64(N)\n"
        "}"
    )
    k.ok("shots := bag.FromSequence(slices.Repeat([]int{100_000}, 24), 0).Map(calcPi)\n"
         "estimate, err := shots.Mean().Compute()", timeout=120)
    assert k.value("err") == "<nil>"
    assert abs(float(k.value("estimate")) - 3.14159) < 0.01
    # The same with the runtime's calcpi, one seed per item.
    k.ok("seeds := []int{1, 2, 3, 4, 5, 6, 7, 8}\n"
         "pis, err := bag.FromSequence(seeds, 0).Map(func(s int) float64 { return calcpi.Loop(200_000, uint64(s)) }).Mean().Compute()")
    assert k.value("err") == "<nil>"
    assert abs(float(k.value("pis")) - 3.14159) < 0.01


def test_word_count(k):
    k.ok('text, err := bag.Text("kitchen")\nlines := strings.Split(text, "\\n")')
    assert k.value("err") == "<nil>"
    k.ok("words := bag.FromSequence(lines, 0).Map(bag.Words).Flatten()")
    assert k.value('words.Frequencies().TopK(3, "Value").Compute()') == "([{the 60} {a 19} {and 18}], <nil>)"
    # The lesson's shape: split lines with strings.Fields, count, most common first.
    assert k.value("bag.FromSequence(lines, 4).Map(strings.Fields).Flatten().Frequencies().TopK(1, 1).Compute()") == "([{the 50}], <nil>)"
    assert k.value("words.Count().Compute()") == "(580, <nil>)"


def test_bad_function_is_an_error_and_the_kernel_lives(k):
    k.ok("_, err := b.Map(42).Compute()")
    assert k.value("err") == (
        "bag: Map: want a function of one parameter and one result, such as func(string) string; "
        "got int 42, which is not a function")
    k.ok("_, err = b.Map(func(a, b string) string { return a }).Compute()")
    assert "got func(string, string) string" in k.value("err")
    k.ok("_, err = b.Map(func(x int) int { return x }).Compute()")
    assert k.value("err") == 'bag: Map: partition 0, item 0 is string "mary": the function takes int'
    # A panic of the cell's function, an error naming the item.
    k.ok("_, err = b.Map(func(s string) int { return 10 / (len(s) - 1) }).Compute()")
    assert "item 0 (string \"a\"): panic: runtime error: integer divide by zero" in k.value("err")
    k.assert_responsive()
    assert k.value("b.Map(pred).Compute()") == "([true true true false true], <nil>)"


def test_interrupt_stops_a_long_compute(kernel):
    msg_id = kernel.kc.execute(
        "slow := func(x int) int { time.Sleep(100 * time.Millisecond); return x }\n"
        "v, err := bag.FromSequence(make([]int, 1000), 0).Map(slow).Sum().Compute()\n"
        "fmt.Println(err)")
    time.sleep(2)
    t0 = time.monotonic()
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, timeout=15)
    kernel.iopub_until_idle(msg_id)
    assert time.monotonic() - t0 < 5
    assert reply["content"]["status"] in ("ok", "error"), reply["content"]
    if reply["content"]["status"] == "error":
        assert "Interrupt" in error_text(reply["content"])
    kernel.assert_responsive()
    assert kernel.value('bag.FromSequence([]int{1, 2, 3}, 0).Sum().Compute()') == "(6, <nil>)"
