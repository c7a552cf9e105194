// Command translations is the translation workflow that `make locales` runs after goi18n
// extract (README, "Translations"): in every folder of locales/ (the interface, each event) and
// for every language but the folder's own, it merges what translators wrote in
// translate.<lang>.toml into active.<lang>.toml, writes translate.<lang>.toml again with what is
// left to translate (never pre-filled: an empty text is an untranslated text), says what it did
// and what is left, then checks the content as the server loads it and prints every problem.
//
//	go run ./app/translations [-root DIR]
//
// Exit status 1 when the content has a problem (the server would not start), else 0: texts
// left to translate are not a problem, the cards show them untranslated, marked as such.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/messagefiles"
	"eventcard/app/views"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("translations", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "the project, or a content folder with its events/ and locales/")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	done, problems, err := messagefiles.Prepare(*root, i18n.CheckLanguage)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	left := report(stdout, done)
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	switch {
	case left > 0:
		fmt.Fprintln(stdout, "Translate the files above (write each text between the quotes), then run make locales again.")
		fmt.Fprintln(stdout, "Meanwhile a card shows an event's texts not translated yet in the event's own language, marked")
		fmt.Fprintln(stdout, "as such; the interface (locales/ui) must be translated completely for the server to start.")
	case len(problems) == 0:
		fmt.Fprintln(stdout, "Every text is translated into every language.")
	}

	checked, warnings, err := views.Check(os.DirFS(*root))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if n := stale(warnings); n > 0 && left == 0 {
		fmt.Fprintf(stdout, "%d texts are stale (translated from an older text): see the files above.\n", n)
	}
	if len(checked)+len(problems) > 0 {
		fmt.Fprintln(stdout)
		for _, p := range checked {
			fmt.Fprintln(stdout, p)
		}
		n := len(checked) + len(problems)
		fmt.Fprintf(stdout, "%d %s: the server does not start until %s fixed.\n", n, plural(n, "problem", "problems"), plural(n, "it is", "they are"))
		return 1
	}
	return 0
}

// report prints, for each folder and language, what was merged and what is left to translate;
// it returns how many texts are left.
func report(w io.Writer, done []messagefiles.Translation) (left int) {
	for _, t := range done {
		if t.Merged > 0 {
			fmt.Fprintf(w, "%s: %s merged from %s\n", t.ActiveFile(), texts(t.Merged), "translate."+t.Lang+".toml")
		}
		if t.Adopted > 0 {
			fmt.Fprintf(w, "%s: %s written by hand now tied (hash) to the current %s text\n", t.ActiveFile(), texts(t.Adopted), t.Source)
		}
		for _, p := range t.Refused {
			fmt.Fprintln(w, p)
		}
		if n := t.ToTranslate(); n > 0 {
			var why []string
			if t.New > 0 {
				why = append(why, fmt.Sprintf("%d not translated", t.New))
			}
			if t.Stale > 0 {
				why = append(why, fmt.Sprintf("%d changed in %s since translated", t.Stale, t.Source))
			}
			fmt.Fprintf(w, "%s: %s to translate from %s (%s)\n", t.TranslateFile(), texts(n), t.Source, strings.Join(why, ", "))
			left += n
		}
	}
	return left
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

func texts(n int) string {
	if n == 1 {
		return "1 text"
	}
	return fmt.Sprintf("%d texts", n)
}

func stale(ps content.Problems) int {
	n := 0
	for _, p := range ps {
		if strings.HasPrefix(p.Text, "stale:") {
			n++
		}
	}
	return n
}
