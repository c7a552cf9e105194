// Package daemon runs a server program for a test: started, awaited until it serves, and
// stopped with a signal when the test ends.
package daemon

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// Program is a server program a test runs.
type Program struct {
	Name string        // in messages: "nginx", "Apache"
	Cmd  *exec.Cmd     // not started yet
	Log  func() string // what it wrote, shown when it fails or the test does

	// Ready says whether it serves yet; it is asked for Wait at most.
	Ready func() bool
	Wait  time.Duration

	// Stop is sent to it when the test ends; Grace later, it is killed.
	Stop  os.Signal
	Grace time.Duration
}

// Run starts p and returns once it is ready; it fails the test if p exits or is not ready in
// time.
func Run(t testing.TB, p Program) {
	t.Helper()
	if err := p.Cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", p.Name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.Cmd.Wait() }()
	t.Cleanup(func() {
		p.Cmd.Process.Signal(p.Stop)
		select {
		case <-exited:
		case <-time.After(p.Grace):
			p.Cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("%s's log:\n%s", p.Name, p.Log())
		}
	})
	for deadline := time.Now().Add(p.Wait); !p.Ready(); time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-exited:
			exited <- err // for the clean-up
			t.Fatalf("%s exited (%v):\n%s", p.Name, err, p.Log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s is not ready after %v:\n%s", p.Name, p.Wait, p.Log())
		}
	}
}
