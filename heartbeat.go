package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"time"

	"gopar/kernel/wire"
)

// The heartbeat runs in a process of its own, `gopar heartbeat`, so that it
// answers at once however busy the kernel's goroutines keep every core: in
// the kernel's own process it would wait for the Go scheduler behind them.
// The child lives as long as the pipe on its standard input stays open,
// that is as long as the kernel process lives, whatever way it ends.

// startHeartbeat starts the heartbeat process for a connection file and
// returns a function that stops it and waits for it to end.
func startHeartbeat(connectionFile string, stderr *os.File) (stop func(), err error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find gopar's executable: %w", err)
	}
	cmd := exec.Command(self, "heartbeat", "-f", connectionFile)
	lifeline, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("heartbeat pipe: %w", err)
	}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start heartbeat process: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	return func() {
		lifeline.Close()
		select {
		case <-exited:
		case <-time.After(2 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}, nil
}

// runHeartbeat is `gopar heartbeat -f FILE`: echo on the heartbeat port
// until standard input closes.
func runHeartbeat(args []string) error {
	_, info, err := connectionFlag("heartbeat", args)
	if err != nil {
		return err
	}
	// An interrupt is for the kernel's cell, not for its heartbeat.
	signal.Ignore(os.Interrupt)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	return wire.Heartbeat(ctx, info, log.New(os.Stderr, "gopar heartbeat: ", log.LstdFlags))
}
