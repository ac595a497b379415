"""notebooks/06-map-and-reduce.ipynb runs top to bottom in a fresh kernel,
by every runner, and shows what the lesson's episode "Map and Reduce" shows:
map, filter and the map of a predicate over the lesson's five words, the
reduction with its graph of per-partition tasks feeding one aggregate, the
pluck challenge, a word count, and π as the mean of a bag of estimates with
its timing against a plain loop."""

import html
import re

import pytest

from test_notebooks import RUNNERS, cell_with, check_notebook, execute, rich, streams, tagged, text

NAME = "06-map-and-reduce.ipynb"


def result(cell):
    """The text of the cell's result (Out[n])."""
    results = [o for o in cell["outputs"] if o["output_type"] == "execute_result"]
    assert len(results) == 1, "%d results" % len(results)
    return text(results[0]["data"]["text/plain"])


def svg_labels(cell):
    """The labels of the task graph the cell draws."""
    svgs = [d["image/svg+xml"] for d in rich(cell) if "image/svg+xml" in d]
    assert len(svgs) == 1, "%d drawings" % len(svgs)
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", text(svgs[0]))]


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_notebook_06(runner, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, NAME, tmp_path)
    cells = check_notebook(nb, NAME)

    # The bag of five words, one partition each, and the map.
    assert result(cell_with(cells, 'b := bag.FromSequence([]string{"mary"')) == \
        "bag.Bag<from_sequence, npartitions=5>"
    assert result(cell_with(cells, "b.Map(f).Compute()")) == "([MARY HAD A LITTLE LAMB], <nil>)"
    assert svg_labels(cell_with(cells, "b.Map(f).Visualize()")).count("map-f") == 5

    # Filter, and the challenge: the map of the predicate.
    assert result(cell_with(cells, "b.Filter(pred).Compute()")) == "([mary had a lamb], <nil>)"
    assert result(cell_with(cells, "b.Map(pred).Compute()")) == "([true true true false true], <nil>)"

    # The reduction's graph: a task per partition feeding one aggregate.
    labels = svg_labels(cell_with(cells, "letters := b.Reduction(countChars, sum)"))
    assert labels.count("countChars-part") == 5, labels
    assert labels.count("sum-aggregate") == 1, labels
    assert result(cell_with(cells, "letters.Compute()")) == "(18, <nil>)"
    assert streams(cell_with(cells, "b.Reduction(countWithA, sum)")) == "18 <nil>\n4 <nil>\n4 <nil>\n"
    assert result(cell_with(cells, "b.GroupBy(")) == "([{4 [mary lamb]} {3 [had]} {1 [a]} {6 [little]}], <nil>)"
    assert streams(cell_with(cells, "split.Flatten().Count()")).endswith("\n18 <nil>\n")

    # Pluck, and pluck written as a map.
    names = "([John Mary Paul Julia], <nil>)"
    assert result(cell_with(cells, 'people.Pluck("name").Compute()')) == names
    assert result(cell_with(cells, 'people.Map(itemgetter("name")).Compute()')) == names
    assert result(cell_with(cells, 'people.Pluck("age").Mean()')) == "(41.25, <nil>)"

    # The word count: the most common word first, and its bar chart.
    assert streams(cell_with(cells, "words.Count().Compute()")).startswith("580 <nil>\n")
    top = result(cell_with(cells, 'words.Frequencies().TopK(10, "Value")'))
    pairs = re.findall(r"\{(\S+) (\d+)\}", top)
    assert len(pairs) == 10 and pairs[0] == ("the", "60"), top
    counts = [int(n) for _, n in pairs]
    assert counts == sorted(counts, reverse=True), top
    assert tagged(cells, "plot") == [cell_with(cells, ".Bar(\"count\", topWords, topCounts)")]

    # π as the mean of a bag of estimates (the "pi" tags check the values),
    # and timed against the plain loop; how much faster depends on what else
    # runs on the machine.
    assert len(tagged(cells, "pi")) == 2
    assert result(cell_with(cells, "estimate := shots.Mean()")) == "bag.Item<mean-aggregate>"
    timing = streams(cell_with(cells, "tBag := %timeit -o"))
    assert re.search(r"^speed-up of the bag on \d+ cores: [\d.]+ \(plain loop \S+ \S+, bag \S+ \S+\)$", timing, re.M), timing

    # A million items through map, filter and sum.
    million = streams(cell_with(cells, "tMillion := %timeit -o"))
    assert million.startswith("333333666666 <nil>\n"), million
    assert re.search(r"^\d+ ns per item, for a map, a filter and a sum over 100 partitions$", million, re.M), million
    # The same with function literals, which stay interpreted.
    literals = streams(cell_with(cells, "tLit := %timeit -o"))
    assert re.search(r"^\d+ ns per item with interpreted literals, \d+ times the cost with compiled functions$",
                     literals, re.M), literals
    assert len(tagged(cells, "timeit")) == 3
    assert len(tagged(cells, "diagram")) == 2
