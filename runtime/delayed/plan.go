package delayed

import (
	"fmt"
	"sync"
)

// graph is the part of the promises' graph a computation needs, numbered:
// node i's promised arguments, in order, are deps[depStart[i]:depStart[i+1]],
// and the tasks that use its result users[userStart[i]:userStart[i+1]]
// (a task that takes it twice is there twice).
type graph struct {
	nodes     []*Delayed
	roots     []int32
	deps      []int32
	depStart  []int32
	users     []int32
	userStart []int32
	tasks     int // nodes that are calls or gathers, not values
}

// Plans number nodes in the nodes themselves (Delayed.planned, .index),
// which is several times faster than a map for large graphs; planMu makes
// plans of graphs that share nodes take turns.
var (
	planMu  sync.Mutex
	planned uint64 // the plan running now
)

// plan numbers the nodes roots need, or returns the first mistake in a
// call among them.
func plan(roots []*Delayed) (*graph, error) {
	planMu.Lock()
	defer planMu.Unlock()
	planned++
	g := &graph{}
	// An explicit stack, not recursion: a chain of promises may be a
	// million long.
	stack := make([]*Delayed, 0, 64)
	for i := len(roots) - 1; i >= 0; i-- {
		if roots[i] == nil {
			return nil, fmt.Errorf("delayed: promise %d of %d is a nil *delayed.Delayed: make promises with delayed.Call, Func or Value", i+1, len(roots))
		}
		stack = append(stack, roots[i])
	}
	edges := 0
	for len(stack) > 0 {
		d := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if d.planned == planned {
			continue
		}
		if d.err != nil {
			return nil, d.err
		}
		d.planned, d.index = planned, int32(len(g.nodes))
		g.nodes = append(g.nodes, d)
		if d.kind != kindValue {
			g.tasks++
		}
		// Pushed last first, the first arguments are numbered first, and
		// so are ready to run first: tasks start in the order written.
		for k := len(d.args) - 1; k >= 0; k-- {
			if dep := d.args[k].dep; dep != nil {
				edges++
				stack = append(stack, dep)
			}
		}
	}
	g.roots = make([]int32, len(roots))
	for i, r := range roots {
		g.roots[i] = r.index
	}

	n := len(g.nodes)
	g.deps = make([]int32, 0, edges)
	g.depStart = make([]int32, n+1)
	g.userStart = make([]int32, n+2)
	for i, d := range g.nodes {
		for _, a := range d.args {
			if a.dep != nil {
				j := a.dep.index
				g.deps = append(g.deps, j)
				g.userStart[j+2]++
			}
		}
		g.depStart[i+1] = int32(len(g.deps))
	}
	// Counting sort of the edges by their dependency.
	for j := 2; j <= n+1; j++ {
		g.userStart[j] += g.userStart[j-1]
	}
	g.users = make([]int32, edges)
	for i := range n {
		for _, j := range g.deps[g.depStart[i]:g.depStart[i+1]] {
			g.users[g.userStart[j+1]] = int32(i)
			g.userStart[j+1]++
		}
	}
	g.userStart = g.userStart[:n+1]
	return g, nil
}

func (g *graph) depsOf(i int32) []int32  { return g.deps[g.depStart[i]:g.depStart[i+1]] }
func (g *graph) usersOf(i int32) []int32 { return g.users[g.userStart[i]:g.userStart[i+1]] }
