// Package run holds what the measures of one bench run share: the project, the run's folder,
// the card's build flags, the event shown and the report they add their rows to.
package run

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"eventcard/app/bench/report"
	"eventcard/app/internal/readme"
)

// A Run is one `make bench`.
type Run struct {
	Root    string   // the project
	Tmp     string   // everything the run makes
	GoFlags []string // the card's build flags, for the floor and the synthetic trees
	Runs    int      // browser runs per variant
	Event   string   // the event the measures show (the README's)
	Report  *report.Report
}

// GoBuild runs go build in dir with the card's flags.
func (r *Run) GoBuild(dir string, env []string, out, pkg string) error {
	args := append([]string{"build"}, r.GoFlags...)
	args = append(args, "-o", out, pkg)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return nil
}

// ReadmeBlock is the first fenced block in lang under the README's heading (as "## Embed"):
// the bench measures the snippet and the settings the README gives.
func (r *Run) ReadmeBlock(heading, lang string) (string, error) {
	return readme.Block(r.Root, heading, lang)
}
