// Package nginxtest runs Debian's nginx, with its brotli_static module, for a test: the server
// blocks a test gives (the README's, on the test's port and folder) in a configuration whose
// every path is in the test's own folder.
package nginxtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"eventcard/app/internal/daemon"
)

// BrotliModule is the brotli_static module of Debian's libnginx-mod-http-brotli-static.
const BrotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// TempPaths are the lines of an http block that keep the temporary files of an nginx run as a
// plain process in dir (not root's service) in dir, not in the system's folders.
func TempPaths(dir string) string {
	var b strings.Builder
	for _, kind := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		fmt.Fprintf(&b, "    %s_temp_path %s/%s;\n", kind, dir, strings.TrimPrefix(kind, "client_"))
	}
	return b.String()
}

// FreePort is a loopback port free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start serves blocks with an nginx whose files are in dir (dir/nginx), until the test ends;
// port is one of the blocks', asked until nginx answers. The folders down to dir are made
// readable: nginx's workers run as nobody when the tests run as root.
func Start(t testing.TB, dir, blocks string, port int) {
	t.Helper()
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		nginx = "/usr/sbin/nginx" // not on a non-root PATH
	}
	if _, err := os.Stat(nginx); err != nil {
		t.Fatalf("nginx not found: `make test` installs Debian's nginx; or run apt-get install -y nginx libnginx-mod-http-brotli-static")
	}
	if _, err := os.Stat(BrotliModule); err != nil {
		t.Fatalf("nginx's brotli_static module is missing: `make test` installs it; or run apt-get install -y libnginx-mod-http-brotli-static")
	}
	for d := dir; strings.HasPrefix(d, filepath.Clean(os.TempDir())+string(filepath.Separator)); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	prefix := filepath.Join(dir, "nginx")
	if err := os.Mkdir(prefix, 0o755); err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`load_module %[2]s;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 64; }
http {
    access_log %[1]s/access.log;
%[4]s%[3]s}
`, prefix, BrotliModule, blocks, TempPaths(prefix))
	file := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(file, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	output, err := os.Create(filepath.Join(prefix, "output.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer output.Close() // nginx holds its own copy
	cmd := exec.Command(nginx, "-p", prefix+"/", "-c", file, "-e", filepath.Join(prefix, "error.log"), "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = output, output
	daemon.Run(t, daemon.Program{
		Name: "nginx",
		Cmd:  cmd,
		Log: func() string {
			out, _ := os.ReadFile(filepath.Join(prefix, "output.log"))
			errs, _ := os.ReadFile(filepath.Join(prefix, "error.log"))
			return string(out) + string(errs) + "\nnginx.conf:\n" + conf
		},
		Ready: func() bool {
			c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
			if err == nil {
				c.Close()
			}
			return err == nil
		},
		Wait:  10 * time.Second,
		Stop:  syscall.SIGQUIT, // graceful: the workers finish, then the master exits
		Grace: 5 * time.Second,
	})
}
