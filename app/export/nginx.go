package export

import (
	"fmt"
	"net/url"
	"strings"
	"text/template"

	"eventcard/app/middleware"
)

// NginxSite is what the nginx configuration of an exported site depends on.
type NginxSite struct {
	Root           string   // the exported folder, as nginx will find it
	BaseURL        string   // the origin the site was exported for: scheme://host[:port]
	FrameAncestors []string // who may frame the card, as the server's setting
}

// Nginx is an nginx server block that serves the site exported into site.Root at
// site.BaseURL as the server would: on the base URL's port (with TLS for https), every
// answer, 404s included, with the server's security headers (the widget's policy, and a
// partner's on the demo page), the precompressed files, and the cache lifetimes.
func Nginx(site NginxSite) (string, error) {
	u, err := url.Parse(site.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", fmt.Errorf("nginx: %q is not an http or https origin", site.BaseURL)
	}
	tls := u.Scheme == "https"
	port := u.Port()
	if port == "" {
		port = map[bool]string{false: "80", true: "443"}[tls]
	}
	name := u.Hostname()
	if strings.Contains(name, ":") {
		name = "[" + name + "]"
	}
	root, err := nginxPath(site.Root)
	if err != nil {
		return "", err
	}
	v := nginxValues{
		Listen:    port,
		Name:      name,
		TLS:       tls,
		Root:      root,
		WidgetCSP: middleware.WidgetPolicy(u.Scheme+"://"+u.Host, site.FrameAncestors),
		DemoCSP:   middleware.PartnerPolicy(u.Scheme+"://"+u.Host, site.FrameAncestors),
		Fixed:     middleware.Fixed(tls),
	}
	if tls {
		v.Listen += " ssl"
	}
	for _, s := range append([]string{v.WidgetCSP, v.DemoCSP}, headerValues(v.Fixed)...) {
		if strings.ContainsAny(s, "\"\\$\n") {
			return "", fmt.Errorf("nginx: %q cannot be written in a quoted string", s)
		}
	}
	var b strings.Builder
	err = nginxTemplate.Execute(&b, v)
	return b.String(), err
}

type nginxValues struct {
	Listen, Name, Root string
	TLS                bool
	WidgetCSP, DemoCSP string
	Fixed              []middleware.Header
}

func headerValues(hs []middleware.Header) []string {
	var v []string
	for _, h := range hs {
		v = append(v, h.Value)
	}
	return v
}

// nginxPath is the folder as an nginx argument: as it is, or quoted when it holds a space or
// a character nginx reads as syntax.
func nginxPath(p string) (string, error) {
	if p == "" || strings.ContainsAny(p, "\"\\$\n") {
		return "", fmt.Errorf("nginx: the folder %q cannot be named in nginx's configuration", p)
	}
	if strings.ContainsAny(p, " \t;{}#'") {
		return `"` + p + `"`, nil
	}
	return p, nil
}

// The block, printed by make static and shown in the README. The headers are added at the
// server level only, with "always" for the 404s: nginx drops them from any location that has
// an add_header of its own, so a location changes a variable instead.
var nginxTemplate = template.Must(template.New("nginx").Parse(`server {
    listen {{.Listen}};
    server_name {{.Name}};
{{- if .TLS}}
    # Your certificate for {{.Name}} and its key, PEM.
    ssl_certificate /etc/ssl/certs/{{.Name}}.pem;
    ssl_certificate_key /etc/ssl/private/{{.Name}}.key;
{{- end}}
    root {{.Root}};

    include mime.types; # has application/wasm; add "application/wasm wasm;" below if yours does not
    types {
        application/manifest+json webmanifest;
        text/calendar ics;
    }
    charset utf-8;
    charset_types text/css application/javascript application/json application/manifest+json text/calendar text/plain image/svg+xml;

    gzip_static on;
    brotli_static on; # libnginx-mod-http-brotli-static; without the module, drop this line
    absolute_redirect off;
    error_page 404 /404.html;

    # The server's headers on every answer, 404s included. A location that added a header
    # would lose all of these: the locations below set these variables instead.
    # Partners link /embed.js forever: revalidate, so a new build reaches every page.
    set $eventcard_cache "no-cache";
    set $eventcard_csp "{{.WidgetCSP}}";
    add_header Cache-Control $eventcard_cache always;
    add_header Content-Security-Policy $eventcard_csp always;
{{- range .Fixed}}
    add_header {{.Name}} "{{.Value}}" always;
{{- end}}

    location / {
        try_files $uri $uri/index.html =404;
    }
    # The pages name web/'s files under the build's version: they never change, keep them a year.
    location /v/ {
        set $eventcard_cache "public, max-age=31536000, immutable";
    }
    # The demo plays a partner's page: a partner's policy.
    location ~ ^/demo(/|/index\.html)?$ {
        set $eventcard_csp "{{.DemoCSP}}";
        try_files /demo/index.html =404;
    }
}
`))
