package content

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Problem is one thing wrong in a content file: where it is, and what.
type Problem struct {
	File  string // the file's path in the content folder, slash-separated
	Line  int    // 0: the file as a whole, or a line that could not be found
	Field string // as the file writes it: "people[2].portrait"; "" for the whole file
	Text  string
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	if p.Field != "" {
		b.WriteString(": " + p.Field)
	}
	b.WriteString(": " + p.Text)
	return b.String()
}

// Problems are every problem found, in the order found: as an error, one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err is ps as an error: nil when there is none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// fieldPart is one step of a field's path: a key, and an index for an array of tables.
var fieldPart = regexp.MustCompile(`^([a-z_]+)(?:\[(\d+)\])?$`)

// LineOf finds the line of field in a TOML file as the event files write it: keys at the top,
// tables ([venue]) and arrays of tables ([[people]]) below. field is "date", "venue.map" or
// "people[2].portrait"; 0 when the line cannot be found (the field is missing: the caller may
// then name the table's line, or the file).
func LineOf(data []byte, field string) int {
	parts := strings.Split(field, ".")
	key := parts[len(parts)-1]
	table, index := "", 0
	if len(parts) > 1 {
		m := fieldPart.FindStringSubmatch(parts[0])
		if m == nil {
			return 0
		}
		table = m[1]
		index, _ = strconv.Atoi(m[2])
	}
	if m := fieldPart.FindStringSubmatch(key); m != nil {
		key = m[1] // organizers[1]: the line of the array
	}
	current, seen, headerLine := "", map[string]int{}, 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if h, ok := tableHeader(line); ok {
			current = h
			if table == h {
				if seen[h] == index {
					headerLine = n
				}
				seen[h]++
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.Trim(strings.TrimSpace(k), `"`)
		switch {
		case table == "" && current == "" && k == key:
			return n
		case table != "" && current == "" && k == table+"."+key: // venue.map = … at the top
			return n
		case table != "" && current == table && seen[table]-1 == index && k == key:
			return n
		}
	}
	if len(parts) > 1 && key == parts[len(parts)-1] {
		return headerLine
	}
	return 0
}

// tableHeader reads "[venue]" or "[[people]]".
func tableHeader(line string) (string, bool) {
	if !strings.HasPrefix(line, "[") {
		return "", false
	}
	line, _, _ = strings.Cut(line, "#")
	line = strings.TrimSpace(line)
	name := strings.Trim(line, "[] ")
	return name, strings.HasSuffix(line, "]")
}

// problems collects the problems of one file, each with the line of its field.
type problems struct {
	file string
	data []byte
	list Problems
}

func (p *problems) add(field, format string, args ...any) {
	p.list = append(p.list, Problem{File: p.file, Line: LineOf(p.data, field), Field: field, Text: fmt.Sprintf(format, args...)})
}

// decode decodes the file into v: a file TOML cannot read is its one problem, returned with its
// line; each field v does not have is a problem of p.
func (p *problems) decode(v any) Problems {
	md, err := toml.Decode(string(p.data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Problems{{File: p.file, Line: pe.Position.Line, Field: pe.LastKey, Text: pe.Message}}
		}
		return Problems{{File: p.file, Text: err.Error()}}
	}
	for _, k := range md.Undecoded() {
		p.add(k.String(), "unknown field")
	}
	return nil
}

// newID reports whether the id of list item field is an id, and not taken by an earlier item;
// if not, it is a problem.
func (p *problems) newID(field, id string, taken bool) bool {
	if err := checkID(id); err != nil {
		p.add(field+".id", "%v", err)
		return false
	}
	if taken {
		p.add(field+".id", "%q appears twice", id)
		return false
	}
	return true
}
