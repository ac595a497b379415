package main

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
)

type Task struct {
	Name     string
	Priority int
	index    int
}

func (t *Task) String() string { return fmt.Sprintf("%s(p%d)", t.Name, t.Priority) }

type TaskQueue []*Task

func (q TaskQueue) Len() int { return len(q) }
func (q TaskQueue) Less(i, j int) bool {
	if q[i].Priority != q[j].Priority {
		return q[i].Priority > q[j].Priority
	}
	return q[i].Name < q[j].Name
}
func (q TaskQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *TaskQueue) Push(x any) {
	t := x.(*Task)
	t.index = len(*q)
	*q = append(*q, t)
}
func (q *TaskQueue) Pop() any {
	old := *q
	t := old[len(old)-1]
	old[len(old)-1] = nil
	t.index = -1
	*q = old[:len(old)-1]
	return t
}

func (q *TaskQueue) update(t *Task, priority int) {
	t.Priority = priority
	heap.Fix(q, t.index)
}

func main() {
	q := TaskQueue{}
	tasks := map[string]*Task{}
	for i, name := range []string{"write", "test", "deploy", "lint", "review"} {
		tasks[name] = &Task{Name: name, Priority: i % 3}
		heap.Push(&q, tasks[name])
	}
	fmt.Println(q.Len(), q[0], tasks["deploy"].index >= 0)
	q.update(tasks["write"], 5)
	push := q.Push
	push(&Task{Name: "extra", Priority: 2})
	heap.Init(&q)
	var order []string
	for q.Len() > 0 {
		t := heap.Pop(&q).(*Task)
		order = append(order, t.String())
	}
	fmt.Println(strings.Join(order, " > "), tasks["lint"].index)
	sort.Sort(sort.Reverse(TaskQueue{tasks["lint"], tasks["test"], tasks["write"]}))
	fmt.Println(fmt.Sprintf("%T %v", q, []*Task{tasks["test"]}), tasks["write"].index)
}
