package messagefiles

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"eventcard/app/content"
)

// A message file as go-i18n reads it (active.<lang>.toml, translate.<lang>.toml), kept with its
// bytes so that every problem can name the line of its message.

// forms are go-i18n's plural forms, in CLDR's order.
var forms = []string{"zero", "one", "two", "few", "many", "other"}

// messageFile is one message file, read.
type messageFile struct {
	name     string // its path in the content's file system
	data     []byte
	messages map[string]*goi18n.Message
}

// ids are the file's message ids, sorted.
func (f *messageFile) ids() []string { return slices.Sorted(maps.Keys(f.messages)) }

var unmarshalers = map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal}

// parseMessageFile reads a message file's bytes; a file go-i18n cannot read is one problem,
// with the line TOML's parser gives.
func parseMessageFile(name string, data []byte) (*messageFile, *content.Problem) {
	var probe map[string]any
	if _, err := toml.Decode(string(data), &probe); err != nil {
		p := content.Problem{File: name, Text: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p.Line, p.Text = pe.Position.Line, pe.Message
		}
		return nil, &p
	}
	mf, err := goi18n.ParseMessageFileBytes(data, name, unmarshalers)
	if err != nil {
		return nil, &content.Problem{File: name, Text: err.Error()}
	}
	f := &messageFile{name: name, data: data, messages: map[string]*goi18n.Message{}}
	for _, m := range mf.Messages {
		f.messages[m.ID] = m
	}
	return f, nil
}

// text is a message's plural form by name.
func text(m *goi18n.Message, form string) string {
	switch form {
	case "zero":
		return m.Zero
	case "one":
		return m.One
	case "two":
		return m.Two
	case "few":
		return m.Few
	case "many":
		return m.Many
	}
	return m.Other
}

func setText(m *goi18n.Message, form, s string) {
	switch form {
	case "zero":
		m.Zero = s
	case "one":
		m.One = s
	case "two":
		m.Two = s
	case "few":
		m.Few = s
	case "many":
		m.Many = s
	default:
		m.Other = s
	}
}

// filled are the forms of m that have a text.
func filled(m *goi18n.Message) []string {
	var out []string
	for _, form := range forms {
		if text(m, form) != "" {
			out = append(out, form)
		}
	}
	return out
}

// hashOf is what go-i18n's merge writes in a translation's hash field: the source message's
// description and text. A translation whose hash is another was made from another text.
func hashOf(source *goi18n.Message) string {
	h := sha1.New()
	io.WriteString(h, source.Description)
	io.WriteString(h, source.Other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// neededForms are the plural forms a translation of source into lang must have: "other" for a
// message without plural forms, else every form go-i18n picks for some number in lang.
func neededForms(source *goi18n.Message, lang string) []string {
	if len(filled(source)) <= 1 {
		return []string{"other"}
	}
	return pluralForms(lang)
}

var pluralCache sync.Map // lang → []string

// pluralForms are the plural forms go-i18n uses in lang, found by asking it to choose for
// numbers that reach every CLDR category (go-i18n keeps its rules unexported): integers, decimals
// and the millions that Spanish, Portuguese and French write with "many".
func pluralForms(lang string) []string {
	if v, ok := pluralCache.Load(lang); ok {
		return v.([]string)
	}
	tag := language.Make(lang)
	b := goi18n.NewBundle(tag)
	probe := &goi18n.Message{ID: "probe"}
	for _, form := range forms {
		setText(probe, form, form)
	}
	b.AddMessages(tag, probe)
	l := goi18n.NewLocalizer(b, lang)
	seen := map[string]bool{}
	counts := []any{"0.5", "1.5", "2.5", "0.0", "1.0", "1000000", "2000000", "1e6", "1c6", "1.5e6"}
	for n := 0; n <= 1100; n++ {
		counts = append(counts, n)
	}
	for _, n := range counts {
		if s, err := l.Localize(&goi18n.LocalizeConfig{MessageID: "probe", PluralCount: n}); err == nil {
			seen[s] = true
		}
	}
	var out []string
	for _, form := range forms {
		if seen[form] {
			out = append(out, form)
		}
	}
	pluralCache.Store(lang, out)
	return out
}

// messageLine is the line where message id starts in a TOML message file: its table header
// (["Organization.cim.Name"]) or its key (Title = …); 0 when it is not there.
func messageLine(data []byte, id string) int {
	line, _ := findMessage(data, id, "")
	return line
}

// formLine is the line of one plural form of message id ("other = …"), or of the message
// itself when it is written flat (Title = "…"); 0 when it is not there.
func formLine(data []byte, id, form string) int {
	start, form2 := findMessage(data, id, form)
	if form2 > 0 {
		return form2
	}
	return start
}

func findMessage(data []byte, id, form string) (start, formAt int) {
	table := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			header, _, _ := strings.Cut(line, "#")
			table = unquoteKey(strings.Trim(strings.TrimSpace(header), "[]"))
			if table == id {
				start = n
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = unquoteKey(k)
		switch {
		case table == "" && k == id:
			return n, 0
		case table == id && start > 0 && form != "" && strings.EqualFold(k, form):
			return start, n
		}
	}
	return start, 0
}

func unquoteKey(k string) string {
	k = strings.TrimSpace(k)
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		return k[1 : len(k)-1]
	}
	return k
}

// Writing message files.

// marshalActive writes a translation's active file as goi18n merge writes it (so that the
// files it wrote stay byte for byte what they are): a table per message, sorted by id, with the
// description, the hash of the source text translated and the plural forms.
func marshalActive(messages map[string]*goi18n.Message) ([]byte, error) {
	v := make(map[string]any, len(messages))
	for id, m := range messages {
		t := map[string]string{}
		if m.Description != "" {
			t["description"] = m.Description
		}
		t["hash"] = m.Hash
		for _, form := range filled(m) {
			t[form] = text(m, form)
		}
		v[id] = t
	}
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// tomlKey is id as a TOML key: bare when it can be, else quoted.
func tomlKey(id string) string {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return tomlString(id)
		}
	}
	if id == "" {
		return `""`
	}
	return id
}

// tomlString is s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// comment writes s as TOML comment lines, each started with prefix.
func comment(b *strings.Builder, prefix, s string) {
	for i, line := range strings.Split(s, "\n") {
		switch {
		case i == 0:
			b.WriteString("# " + prefix + line + "\n")
		case line == "":
			b.WriteString("#\n")
		default:
			b.WriteString("#   " + line + "\n")
		}
	}
}
