package main

import (
	"fmt"
	"strings"
)

type State int

const (
	Idle State = iota
	Running
	Paused
	Stopped
)

var stateNames = [...]string{"Idle", "Running", "Paused", "Stopped"}

func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return "Unknown"
	}
	return stateNames[s]
}

type Event string

type Machine struct {
	state State
	log   []string
}

func (m *Machine) Fire(e Event) error {
	var next State
	switch s := m.state; {
	case s == Idle && e == "start", s == Paused && e == "resume":
		next = Running
	case s == Running && e == "pause":
		next = Paused
	case s != Stopped && e == "stop":
		next = Stopped
	default:
		return fmt.Errorf("invalid event %q in state %v", e, m.state)
	}
	m.log = append(m.log, fmt.Sprintf("%v -%s-> %v", m.state, e, next))
	m.state = next
	return nil
}

func main() {
	m := &Machine{}
	for _, e := range []Event{"start", "pause", "pause", "resume", "stop", "start"} {
		if err := m.Fire(e); err != nil {
			fmt.Println("error:", err)
		}
	}
	fmt.Println(strings.Join(m.log, "\n"))
	fmt.Printf("final: %v %v %d %s\n", m.state, State(9), m.state, Paused)
}
