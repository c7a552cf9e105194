// Package readme reads the code blocks of the project's README.md: the snippets, settings and
// files it tells partners and operators to paste or write, which the tests and the bench hold it
// to.
package readme

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Blocks are the fenced code blocks of lang ("" for blocks that name none) in the section of
// the README.md at root under heading (its whole line, "## Embed"), its subsections included,
// in order, each with its last newline.
func Blocks(root, heading, lang string) ([]string, error) {
	all, err := section(root, heading)
	var blocks []string
	for _, b := range all {
		if b.lang == lang {
			blocks = append(blocks, b.text)
		}
	}
	return blocks, err
}

type block struct{ lang, text string }

// section reads the fenced blocks of the section under heading, whatever their language.
func section(root, heading string) ([]block, error) {
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return nil, err
	}
	_, rest, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		return nil, fmt.Errorf("README.md: no heading %q", heading)
	}
	var blocks []block
	var text strings.Builder
	lang, inside := "", false
	for _, line := range strings.SplitAfter(rest, "\n") {
		bare := strings.TrimSuffix(line, "\n")
		switch {
		case inside && bare == "```":
			inside = false
			blocks = append(blocks, block{lang, text.String()})
		case inside:
			text.WriteString(line)
		case strings.HasPrefix(bare, "```"):
			inside, lang = true, bare[3:]
			text.Reset()
		case level(bare) > 0 && level(bare) <= level(heading):
			return blocks, nil // the next section
		}
	}
	return blocks, nil
}

// Block is the first of Blocks.
func Block(root, heading, lang string) (string, error) {
	blocks, err := Blocks(root, heading, lang)
	if err == nil && len(blocks) == 0 {
		err = fmt.Errorf("README.md, %s: no ```%s block", heading, lang)
	}
	if err != nil {
		return "", err
	}
	return blocks[0], nil
}

// MustBlock is Block, failing t when there is none.
func MustBlock(t testing.TB, root, heading, lang string) string {
	t.Helper()
	b, err := Block(root, heading, lang)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Line is the first line of the code blocks under heading (any language) that starts with
// prefix, failing t when there is none.
func Line(t testing.TB, root, heading, prefix string) string {
	t.Helper()
	blocks, err := section(root, heading)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		for _, line := range strings.Split(b.text, "\n") {
			if strings.HasPrefix(line, prefix) {
				return line
			}
		}
	}
	t.Fatalf("README.md, %s: no line %q…", heading, prefix)
	return ""
}

// level is a Markdown heading's level (2 for "## Embed"), 0 for a line that is none.
func level(line string) int {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	if n == 0 || !strings.HasPrefix(line[n:], " ") {
		return 0
	}
	return n
}
