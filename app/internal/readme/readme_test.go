package readme

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestBlocks(t *testing.T) {
	dir := t.TempDir()
	md := "# Title\n\n## Embed\n\n```html\n<a>one</a>\n```\n\n```\nplain\n```\n\n### Deeper\n\n```toml\n# a comment, not a heading\nx = 1\n```\n\n```html\n<b>two</b>\n```\n\n## Next\n\n```html\n<c>three</c>\n```\n"
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		heading, lang string
		want          []string
	}{
		{"## Embed", "html", []string{"<a>one</a>\n", "<b>two</b>\n"}},
		{"## Embed", "", []string{"plain\n"}},
		{"## Embed", "toml", []string{"# a comment, not a heading\nx = 1\n"}},
		{"### Deeper", "html", []string{"<b>two</b>\n"}},
		{"## Next", "html", []string{"<c>three</c>\n"}},
		{"## Next", "toml", nil},
	} {
		got, err := Blocks(dir, c.heading, c.lang)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("Blocks(%q, %q) = %q, %v; want %q", c.heading, c.lang, got, err, c.want)
		}
	}
	if _, err := Block(dir, "## Next", "toml"); err == nil {
		t.Error("Block: no error for a section without the block")
	}
	if got := Line(t, dir, "### Deeper", "x ="); got != "x = 1" {
		t.Errorf("Line: %q", got)
	}
	if _, err := Blocks(dir, "## Missing", "html"); err == nil {
		t.Error("Blocks: no error for a missing heading")
	}
}
