package main

// The packaging in docs/deploy (README, "Deploy"): the systemd unit passes systemd's own
// checks; the container image builds and runs as it is meant to run.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// maxExposure is the highest exposure `systemd-analyze security` may give the unit, in its
// tenths (the unit scores 0.9, "SAFE"; above 2.0 a sandboxing option went missing).
const maxExposure = 20

func TestSystemdUnit(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Fatal("systemd-analyze is missing: make test installs Debian's systemd package; or run apt-get install -y systemd")
	}
	unit, err := os.ReadFile("docs/deploy/eventcard.service")
	if err != nil {
		t.Fatal(err)
	}
	// verify wants the program to exist: this test binary stands in for it.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(unit), "ExecStart=/usr/local/bin/eventcard ") {
		t.Fatal("the unit does not start /usr/local/bin/eventcard, which the README installs")
	}
	file := filepath.Join(t.TempDir(), "eventcard.service")
	if err := os.WriteFile(file, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/eventcard", exe)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(analyze, "verify", file).CombinedOutput(); err != nil || strings.Contains(string(out), "eventcard.service") {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, err := exec.Command(analyze, "security", "--offline=yes", "--threshold="+strconv.Itoa(maxExposure), file).CombinedOutput()
	overall := regexp.MustCompile(`Overall exposure level for eventcard.service: (.*)`).FindSubmatch(out)
	if err != nil || overall == nil {
		t.Errorf("systemd-analyze security: %v (the threshold is %.1f)\n%s", err, maxExposure/10.0, out)
	} else {
		t.Logf("systemd-analyze security: %s", overall[1])
	}

	// What the README promises of the unit.
	for _, line := range []string{"DynamicUser=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
		"CapabilityBoundingSet=", "RestrictAddressFamilies=AF_INET AF_INET6", "SystemCallFilter=@system-service",
		"ReadOnlyPaths=/srv/eventcard/content", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure"} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(line) + `$`).Match(unit) {
			t.Errorf("the unit has no line %q", line)
		}
	}
}

// TestContainerImage builds docs/deploy/Dockerfile with podman and runs the image as the
// README runs it: read-only root file system, no capabilities, its non-root user; healthy by
// its own HEALTHCHECK, serving, then stopped by SIGTERM with exit status 0. It takes minutes
// (the first time, a Debian build image is made too), so it runs only with
// EVENTCARD_CONTAINER_TEST=1: `make container-test`.
func TestContainerImage(t *testing.T) {
	if os.Getenv("EVENTCARD_CONTAINER_TEST") == "" {
		t.Skip("make container-test runs it (minutes; podman as root)")
	}
	start := time.Now()
	builder := os.Getenv("BUILDER")
	if builder == "" {
		builder = localBuilder(t)
	}
	t.Logf("build image %s (%s)", builder, time.Since(start).Round(time.Second))

	const image = "localhost/eventcard:test"
	start = time.Now()
	goproxy, _ := exec.Command("go", "env", "GOPROXY").Output()
	podman(t, "build", "--format", "docker", "--network", "host", "--build-arg", "BUILDER="+builder,
		"--build-arg", "GOPROXY="+strings.TrimSpace(string(goproxy)), "-f", "docs/deploy/Dockerfile", "-t", image, ".")
	var img []struct {
		Size        int64
		Config      struct{ User string }
		Healthcheck *struct{ Test []string }
	}
	inspect(t, &img, "image", "inspect", image)
	t.Logf("built %s in %s: %.1f MB", image, time.Since(start).Round(time.Second), float64(img[0].Size)/1e6)
	if i := img[0]; i.Config.User != "65532:65532" || i.Healthcheck == nil || strings.Join(i.Healthcheck.Test, " ") != "CMD /eventcard -healthcheck" {
		t.Fatalf("the image's user %q, health check %+v", i.Config.User, i.Healthcheck)
	}

	addr := freeAddr(t)
	base := "http://" + addr
	name := fmt.Sprintf("eventcard-test-%d", os.Getpid())
	// The host's network, on loopback: the test's requests go nowhere else.
	args := []string{"run", "--detach", "--name", name, "--network", "host",
		"--read-only", "--read-only-tmpfs=false", "--cap-drop", "all", "--security-opt", "no-new-privileges",
		"-e", "ADDR=" + addr, "-e", "BASE_URL=" + base}
	// The content as a volume, once the binary reads content from a folder; until then, the
	// embedded content.
	help, _ := exec.Command("podman", podmanArgs("run", "--rm", "--network", "none", image, "-h")...).CombinedOutput()
	var command []string
	if strings.Contains(string(help), "\n  -content ") {
		content := t.TempDir()
		for _, dir := range []string{"events", "locales", "site"} {
			if _, err := os.Stat(dir); err != nil {
				continue
			}
			if out, err := exec.Command("cp", "-r", dir, content).CombinedOutput(); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
		}
		args = append(args, "--volume", content+":/content:ro")
		command = []string{"-content", "/content"}
		t.Log("content: the repository's, as a read-only volume, -content /content")
	} else {
		t.Log("content: embedded (this binary has no -content yet)")
	}
	t.Cleanup(func() { exec.Command("podman", podmanArgs("rm", "--force", name)...).Run() })
	podman(t, append(append(args, image), command...)...)

	// Healthy by the image's own HEALTHCHECK (podman runs it on demand: this machine has no
	// systemd to time it).
	start = time.Now()
	for {
		if exec.Command("podman", podmanArgs("healthcheck", "run", name)...).Run() == nil {
			break
		}
		if time.Since(start) > time.Minute {
			logs, _ := exec.Command("podman", "logs", name).CombinedOutput()
			t.Fatalf("not healthy after a minute:\n%s", logs)
		}
		time.Sleep(time.Second)
	}
	var ctr []struct {
		State struct {
			Pid      int
			ExitCode int
			Running  bool
			Health   struct{ Status string }
		}
		HostConfig struct{ ReadonlyRootfs bool }
	}
	inspect(t, &ctr, "container", "inspect", name)
	t.Logf("healthy in %s", time.Since(start).Round(100*time.Millisecond))
	if s := ctr[0].State.Health.Status; s != "healthy" || !ctr[0].HostConfig.ReadonlyRootfs {
		t.Errorf("health %q, read-only root %v", s, ctr[0].HostConfig.ReadonlyRootfs)
	}
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", ctr[0].State.Pid))
	if uid := regexp.MustCompile(`(?m)^Uid:\s+(\d+)\s`).FindSubmatch(status); uid == nil || string(uid[1]) != "65532" {
		t.Errorf("the server runs as %q, want uid 65532", uid)
	}

	for _, c := range []struct{ path, want string }{
		{"/healthz", `"status":"ok"`},
		{"/embed/where-are-the-women-2020", `<h1`},
		{"/", `<h1`},
	} {
		res, err := http.Get(base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), c.want) || res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: %d, %.200s", c.path, res.StatusCode, body)
		}
	}

	// SIGTERM: a graceful stop, exit status 0.
	start = time.Now()
	podman(t, "stop", "--time", "40", name)
	inspect(t, &ctr, "container", "inspect", name)
	logs, _ := exec.Command("podman", "logs", name).CombinedOutput()
	if ctr[0].State.Running || ctr[0].State.ExitCode != 0 || !strings.Contains(string(logs), "msg=stopped") {
		t.Errorf("after SIGTERM: running %v, exit status %d; log:\n%s", ctr[0].State.Running, ctr[0].State.ExitCode, logs)
	}
	t.Logf("stopped in %s, exit status %d", time.Since(start).Round(100*time.Millisecond), ctr[0].State.ExitCode)
}

// podmanArgs adds what podman needs on this kind of machine. crun refuses its cgroup layout
// (v1, with a controller left on v2), runc runs it; and podman's default limits for a
// container (1,048,576 open files) are above what root may set here.
func podmanArgs(args ...string) []string {
	global := []string{"--runtime", "runc"}
	if args[0] == "build" || args[0] == "run" {
		var lim syscall.Rlimit
		syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
		args = append([]string{args[0], "--ulimit", fmt.Sprintf("nofile=%d:%d", lim.Cur, lim.Cur), "--ulimit", "nproc=4096:4096"}, args[1:]...)
	}
	return append(global, args...)
}

func podman(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command("podman", podmanArgs(args...)...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("podman %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
}

func inspect(t *testing.T, v any, args ...string) {
	t.Helper()
	out, err := exec.Command("podman", podmanArgs(args...)...).Output()
	if err != nil {
		t.Fatalf("podman %s: %v", strings.Join(args, " "), err)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("podman %s: %v", strings.Join(args, " "), err)
	}
}

// localBuilder is a build image made here, for a machine that reaches no registry of images:
// a minimal Debian of this machine's release, from its own package sources (mmdebstrap), with
// make, this machine's Go toolchain and its certificate authorities (the build fetches Go
// modules as this machine does). Made once per Go version, about 2 minutes.
func localBuilder(t *testing.T) string {
	t.Helper()
	env, err := exec.Command("go", "env", "GOROOT", "GOVERSION").Output()
	if err != nil {
		t.Fatal(err)
	}
	goroot, version, _ := strings.Cut(strings.TrimSpace(string(env)), "\n")
	name := "localhost/eventcard-builder:" + version
	if exec.Command("podman", "image", "exists", name).Run() == nil {
		return name
	}
	release, err := os.ReadFile("/etc/os-release")
	if err != nil {
		t.Fatal(err)
	}
	codename := regexp.MustCompile(`(?m)^VERSION_CODENAME=(\w+)$`).FindSubmatch(release)
	if codename == nil {
		t.Fatal("/etc/os-release names no Debian release (VERSION_CODENAME)")
	}
	sources := "/etc/apt/sources.list.d/debian.sources"
	if _, err := os.Stat(sources); err != nil {
		sources = "/etc/apt/sources.list"
	}
	script := fmt.Sprintf(`set -o pipefail
mmdebstrap --quiet --variant=minbase --include=make,ca-certificates \
  --customize-hook='mkdir -p "$1/usr/local" && cp -a %[1]s "$1/usr/local/go"' \
  --customize-hook='cp /etc/ssl/certs/ca-certificates.crt "$1/etc/ssl/certs/"' \
  %[2]s - %[3]s |
podman import --change 'ENV PATH=/usr/local/go/bin:/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'ENV GOPATH=/go' - %[4]s`,
		goroot, codename[1], sources, name)
	if out, err := exec.Command("bash", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("making the build image: %v\n%s", err, out)
	}
	return name
}
