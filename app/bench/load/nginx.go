package load

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"eventcard/app/bench/proc"
	"eventcard/app/bench/run"
	"eventcard/app/nginxtest"
)

// NginxPath is the nginx binary, found on PATH or where Debian installs it.
func NginxPath() string {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	return "/usr/sbin/nginx" // not on a non-root PATH
}

// startNginx exports this build for a static host on a free port (the server's own -export)
// and serves it with nginx as the README configures it, tuned as a static host would be: one
// worker per CPU, no access log, sendfile, open file cache, long keep-alive, gzip_static and
// brotli_static (the export's .gz and .br).
func startNginx(r *run.Run) (*proc.Proc, error) {
	if _, err := os.Stat(nginxtest.BrotliModule); err != nil {
		return nil, fmt.Errorf("nginx's brotli_static module is missing: `make bench` installs it (apt-get install libnginx-mod-http-brotli-static)")
	}
	addr, err := proc.FreeAddr()
	if err != nil {
		return nil, err
	}
	url, dir, dist := "http://"+addr, filepath.Join(r.Tmp, "nginx"), filepath.Join(r.Tmp, "dist")
	start := time.Now()
	cmd := exec.Command(filepath.Join(r.Root, "bin", "eventcard"), "-export", dist, "-base-url", url)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("export: %v\n%s", err, out)
	}
	fmt.Fprintf(os.Stderr, "bench: exported the site for nginx in %s\n", time.Since(start).Round(time.Millisecond))
	for d := dist; strings.HasPrefix(d, r.Tmp); d = filepath.Dir(d) {
		os.Chmod(d, 0o755) // nginx's workers run as nobody when the bench runs as root
	}
	block, err := r.ReadmeBlock("### Static hosting", "nginx")
	if err != nil {
		return nil, err
	}
	for _, rep := range [][2]string{
		{"listen 80;", "listen " + addr + ";"},
		{"root /srv/eventcard/dist;", "root " + dist + ";"},
		{"include mime.types;", "include /etc/nginx/mime.types;"},
	} {
		if strings.Count(block, rep[0]) != 1 {
			return nil, fmt.Errorf("README, Static hosting: the nginx block has no %q", rep[0])
		}
		block = strings.Replace(block, rep[0], rep[1], 1)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	conf := fmt.Sprintf(`load_module %[2]s;
worker_processes %[4]d;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
%[5]s%[3]s}
`, dir, nginxtest.BrotliModule, block, runtime.NumCPU(), nginxtest.TempPaths(dir))
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	cmd = exec.Command(NginxPath(), "-p", dir+"/", "-c", confFile, "-e", filepath.Join(dir, "error.log"), "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = &out, &out
	ng, err := proc.Start(cmd, url, "/robots.txt", 10*time.Second)
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return nil, fmt.Errorf("nginx: %w: %s%s", err, out.String(), log)
	}
	return ng, nil
}
