package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"eventcard/app/bench/load"
	"eventcard/app/bench/report"
)

// readMachine is this machine and the versions of the tools the run uses, for the table's header.
func readMachine() report.Machine {
	m := report.Machine{Date: time.Now().UTC().Format("2006-01-02"), CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.Join(strings.Fields(v), " ")
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%f", &kb)
		m.Memory = fmt.Sprintf("%.0f GiB", kb/(1<<20))
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = "Linux " + strings.TrimSpace(string(b))
	}
	// Chromium may print warnings before its version.
	out, _ := exec.Command("chromium", "--version").Output()
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Chromium") {
			m.Chromium = strings.TrimSpace(l)
		}
	}
	m.Nginx = strings.TrimPrefix(version(load.NginxPath(), "-v"), "nginx version: ")
	if f := strings.Fields(version("wrk", "-v")); len(f) >= 2 {
		m.Wrk = f[0] + " " + f[1]
	}
	return m
}

// version is the first line a tool prints when asked its version.
func version(name string, args ...string) string {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil && len(out) == 0 {
		return name + " (missing)"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}
