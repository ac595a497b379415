package main

import (
	"cmp"
	"fmt"
)

type Tree[K cmp.Ordered, V any] struct {
	root *treeNode[K, V]
	size int
}

type treeNode[K cmp.Ordered, V any] struct {
	key         K
	val         V
	left, right *treeNode[K, V]
}

func (t *Tree[K, V]) Put(k K, v V) {
	p := &t.root
	for *p != nil {
		switch c := cmp.Compare(k, (*p).key); {
		case c < 0:
			p = &(*p).left
		case c > 0:
			p = &(*p).right
		default:
			(*p).val = v
			return
		}
	}
	*p = &treeNode[K, V]{key: k, val: v}
	t.size++
}

func (t *Tree[K, V]) Walk(visit func(K, V)) {
	var walk func(*treeNode[K, V])
	walk = func(n *treeNode[K, V]) {
		if n != nil {
			walk(n.left)
			visit(n.key, n.val)
			walk(n.right)
		}
	}
	walk(t.root)
}

func main() {
	var t Tree[string, int]
	for i, w := range []string{"mango", "apple", "zucchini", "kiwi", "apple", "banana"} {
		t.Put(w, i)
	}
	t.Walk(func(k string, v int) { fmt.Println(k, v) })
	fmt.Println(t.size)
	nums := &Tree[float64, string]{}
	nums.Put(2.5, "b")
	nums.Put(-1, "a")
	nums.Walk(func(k float64, v string) { fmt.Print(k, v, " ") })
	fmt.Println()
}
