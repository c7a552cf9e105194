package content

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
)

// SiteFile is the site's branding, in the content's file system: whose events these are and how
// their cards look. Its texts (the site's and the organisation's names) are messages in
// locales/site/.
const SiteFile = "site/site.toml"

// Site is the site's branding, validated.
type Site struct {
	Language        string // the language the site's texts are written in first
	OrganizationURL string // the organisation's own site: the standalone pages link back to it
	Logo            string // the organisation's logo, a file in site/ (SVG or PNG); "" for none
	Accent          string // the cards' accent in the light scheme: "#5b2a86"
	AccentDark      string // in the dark scheme; "" keeps the card's own
	Theme           string // the cards' default colour scheme (Themes)
}

// Themes are the colour schemes a card may follow: the partner page's, the visitor's, or one.
var Themes = []string{"host", "auto", "light", "dark"}

var (
	hexPattern  = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	logoPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*\.(svg|png)$`)
)

// LogoPath is where the site's logo file is in the content's file system.
func LogoPath(file string) string { return path.Join(path.Dir(SiteFile), file) }

// LoadSite reads the site's branding. Every problem is reported (Problems), with its line.
func LoadSite(fsys fs.FS) (*Site, error) {
	data, err := fs.ReadFile(fsys, SiteFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Problems{{File: SiteFile, Text: "missing: the site's branding (README, \"Branding\")"}}
	} else if err != nil {
		return nil, err
	}
	p := &problems{file: SiteFile, data: data}
	var f struct {
		Language        string
		OrganizationURL string `toml:"organization_url"`
		Logo            string
		Accent          string
		AccentDark      string `toml:"accent_dark"`
		Theme           string
	}
	if ps := p.decode(&f); ps != nil {
		return nil, ps
	}
	s := &Site{Language: f.Language, Logo: f.Logo, Accent: f.Accent, AccentDark: f.AccentDark, Theme: f.Theme}
	if !languagePattern.MatchString(f.Language) {
		p.add("language", "want a language code such as \"es\", got %q", f.Language)
	}
	s.OrganizationURL = checkURL(p, "organization_url", f.OrganizationURL, true)
	if f.Logo != "" {
		if !logoPattern.MatchString(f.Logo) {
			p.add("logo", "want a file name in site/ such as \"logo.svg\" (lower case, .svg or .png), got %q", f.Logo)
		} else if st, err := fs.Stat(fsys, LogoPath(f.Logo)); err != nil || st.IsDir() {
			p.add("logo", "no file %s", LogoPath(f.Logo))
		}
	}
	if !hexPattern.MatchString(f.Accent) {
		p.add("accent", "want a colour such as \"#5b2a86\", got %q", f.Accent)
	}
	if f.AccentDark != "" && !hexPattern.MatchString(f.AccentDark) {
		p.add("accent_dark", "want a colour such as \"#cfb3f0\", got %q", f.AccentDark)
	}
	if s.Theme == "" {
		s.Theme = "host" // the card matches the partner's page
	}
	if !slices.Contains(Themes, s.Theme) {
		p.add("theme", "%q: want one of %q", s.Theme, Themes)
	}
	return s, p.list.Err()
}
