package main

import (
	"fmt"
	"sort"
)

type Employee struct {
	Name   string
	Dept   string
	Salary int
}

type bySalary []Employee

func (s bySalary) Len() int           { return len(s) }
func (s bySalary) Less(i, j int) bool { return s[i].Salary < s[j].Salary }
func (s bySalary) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func main() {
	names := []string{"mallory", "alice", "trent", "bob"}
	sort.Strings(names)
	fmt.Println(names)

	nums := []int{5, 2, 8, 1, 9}
	sort.Ints(nums)
	fmt.Println(nums, sort.IntsAreSorted(nums))
	sort.Sort(sort.Reverse(sort.IntSlice(nums)))
	fmt.Println(nums)

	staff := []Employee{
		{"Ann", "eng", 120}, {"Bob", "ops", 90}, {"Cid", "eng", 100},
		{"Dee", "ops", 90}, {"Eve", "eng", 150},
	}
	sort.Sort(bySalary(staff))
	fmt.Println(staff[0].Name, staff[len(staff)-1].Name)

	sort.SliceStable(staff, func(i, j int) bool { return staff[i].Dept < staff[j].Dept })
	for _, e := range staff {
		fmt.Println(e.Dept, e.Name, e.Salary)
	}
	sorted := []int{1, 3, 5, 7, 9}
	fmt.Println(sort.SearchInts(sorted, 7), sort.SearchInts(sorted, 4))
	i := sort.Search(len(sorted), func(i int) bool { return sorted[i] >= 6 })
	fmt.Println(i)
	fl := []float64{2.5, -1, 3.25}
	sort.Float64s(fl)
	fmt.Println(fl)
}
