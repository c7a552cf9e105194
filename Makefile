# eventcard: two commands for a newcomer (README): `make run` and `make test`.
# Everything a target needs, it builds or installs (Go modules, Chromium), or it stops and says why.

ADDR    ?= 127.0.0.1:8000
GO      ?= go
GOFLAGS_BUILD = -trimpath -ldflags='-s -w'
WASM    = web/app.wasm
SERVER  = bin/eventcard

.PHONY: all build run static test vet test-deps locales clean bench bench-deps check screenshots

all: build

# The browser build: the card component and its data, no server code (see wasm/main.go). Then
# its .gz and .br beside it, which the server sends as they are (brotli 11 takes about 20 s, too
# long for every start; unchanged siblings are kept): README, "Performance".
$(WASM): $(shell find app wasm -name '*.go' -not -name '*_test.go') go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build $(GOFLAGS_BUILD) -o $@ ./wasm
	$(GO) run ./app/precompress $@

# The server: one binary, web/ (with the wasm), locales/ and events/ embedded.
$(SERVER): $(WASM) $(shell find app -name '*.go' -not -name '*_test.go') main.go $(shell find web locales events -type f) go.mod go.sum
	$(GO) build $(GOFLAGS_BUILD) -o $@ .

build: $(WASM) $(SERVER)

run: build
	./$(SERVER) -addr $(ADDR)

# The site for a static host (README, "Static hosting"): every page prerendered, every file, with
# .gz and .br siblings, in $(DIST)/. BASE_URL is where it will be served (canonical addresses).
DIST ?= dist
static: build
	rm -rf $(DIST)
	./$(SERVER) -export $(DIST) $(if $(BASE_URL),-base-url $(BASE_URL))
	@echo
	@echo "The site is in $(CURDIR)/$(DIST)/, for $(or $(BASE_URL),http://$(ADDR)): copy the folder to any static host, as is."
	@echo "With nginx (README, \"Static hosting\"), the server's headers included:"
	@echo
	@./$(SERVER) -nginx $(DIST) $(if $(BASE_URL),-base-url $(BASE_URL))

# Every test, the real-browser ones included: they need Chromium, Firefox ESR and WebKitGTK
# (Debian's packages). The browser tests take minutes on a busy machine: past go test's default
# 10-minute limit.
test: build test-deps vet
	$(GO) test -count=1 -timeout 40m ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted" >&2; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./app/component ./app/card

# What the tests run besides Go: the three browser engines (Chromium; Firefox ESR; WebKitGTK's
# WebDriver, whose MiniBrowser draws on an Xvfb display), Node.js (its ICU is the oracle for
# dates), nginx with its brotli_static module (the static export, served as a static host
# serves it), systemd-analyze (the unit in docs/deploy) and WordPress with what it runs on (PHP
# with mysqli, MariaDB, Apache with mod_php: TestWordPress starts its own on loopback; where
# systemd runs, Debian also starts the packages' own services, which the test does not need),
# from Debian's packages when missing. No test downloads a browser of its own.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
	elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
	else echo "make test needs $(1): as root, run 'apt-get install -y $(1)', then make test again." >&2; exit 1; fi

NGINX_BROTLI = /usr/lib/nginx/modules/ngx_http_brotli_static_module.so

# WordPress as TestWordPress runs it: Debian's package, PHP's CLI with mysqli (the test sets the
# site up through WordPress's PHP API), MariaDB and Apache with mod_php.
WORDPRESS_PACKAGES = wordpress php-cli php-mysql mariadb-server apache2 libapache2-mod-php
WORDPRESS_FOUND = { test -f /usr/share/wordpress/wp-load.php && test -x /usr/sbin/mariadbd && test -x /usr/bin/mariadb-install-db && \
	test -x /usr/sbin/apache2 && ls /usr/lib/apache2/modules/libphp*.so && php -r 'exit(extension_loaded("mysqli") ? 0 : 1);'; } >/dev/null 2>&1

# axe-core, the accessibility rules engine the browser tests inject into the pages (README,
# "Accessibility"): from the npm registry, pinned, into a gitignored folder.
AXE_VERSION = 4.14.1
AXE_DIR = .cache/npm/node_modules/axe-core

test-deps:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Chromium (Debian package) for the browser tests..."; $(call APT_INSTALL,chromium); }
	@command -v chromium >/dev/null 2>&1 || { echo "Chromium is still missing after the install: see the messages above." >&2; exit 1; }
	@command -v firefox-esr >/dev/null 2>&1 || { echo "Installing Firefox ESR (Debian package) for the browser tests..."; $(call APT_INSTALL,firefox-esr); }
	@command -v firefox-esr >/dev/null 2>&1 || { echo "Firefox ESR is still missing after the install: see the messages above." >&2; exit 1; }
	@command -v WebKitWebDriver >/dev/null 2>&1 && command -v Xvfb >/dev/null 2>&1 || { echo "Installing WebKitGTK's WebDriver and Xvfb (Debian packages) for the browser tests..."; $(call APT_INSTALL,webkit2gtk-driver xvfb); }
	@command -v WebKitWebDriver >/dev/null 2>&1 && command -v Xvfb >/dev/null 2>&1 || { echo "WebKitWebDriver or Xvfb is still missing after the install: see the messages above." >&2; exit 1; }
	@command -v node >/dev/null 2>&1 || { echo "Installing Node.js (Debian package) for the date tests..."; $(call APT_INSTALL,nodejs); }
	@command -v node >/dev/null 2>&1 || { echo "Node.js is still missing after the install: see the messages above." >&2; exit 1; }
	@{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 && test -f $(NGINX_BROTLI) || { echo "Installing nginx and its brotli_static module (Debian packages) for the static-site tests..."; $(call APT_INSTALL,nginx libnginx-mod-http-brotli-static); }
	@{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 && test -f $(NGINX_BROTLI) || { echo "nginx or its brotli_static module is still missing after the install: see the messages above." >&2; exit 1; }
	@command -v npm >/dev/null 2>&1 || { echo "Installing npm (Debian package) for axe-core..."; $(call APT_INSTALL,npm); }
	@grep -qs '"version": "$(AXE_VERSION)"' $(AXE_DIR)/package.json && test -f $(AXE_DIR)/axe.min.js || { echo "Installing axe-core $(AXE_VERSION) (npm) for the accessibility tests..."; npm install --prefix .cache/npm --no-save --no-audit --no-fund axe-core@$(AXE_VERSION); }
	@test -f $(AXE_DIR)/axe.min.js || { echo "axe-core is still missing after the install: see the messages above." >&2; exit 1; }
	@command -v systemd-analyze >/dev/null 2>&1 || { echo "Installing systemd (Debian package) for systemd-analyze, which checks the unit in docs/deploy..."; $(call APT_INSTALL,systemd); }
	@command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze is still missing after the install: see the messages above." >&2; exit 1; }
	@$(WORDPRESS_FOUND) || { echo "Installing WordPress, PHP, MariaDB and Apache (Debian packages) for the WordPress test..."; $(call APT_INSTALL,$(WORDPRESS_PACKAGES)); }
	@$(WORDPRESS_FOUND) || { echo "WordPress, PHP's mysqli, MariaDB or Apache's mod_php is still missing after the install: see the messages above." >&2; exit 1; }

# The content checked as the server would load it (README, "Content without rebuilding"): every
# problem with its file, line and field; exit status 1 with one. CONTENT_DIR checks a content
# folder instead of the repository's own.
check: $(SERVER)
	./$(SERVER) check $(if $(CONTENT_DIR),-content $(CONTENT_DIR))

# Translations (README, "Translations"): goi18n extracts the interface's texts from the Go code
# into locales/ui/active.es.toml; then app/translations, in locales/ui and every
# locales/events/<id>, merges what translators wrote in translate.<lang>.toml into
# active.<lang>.toml, writes translate.<lang>.toml again with what is left to translate into each
# language (never pre-filled with the source text), and checks the content as the server loads
# it. Fill those in, then run `make locales` again. Exit status 1 on a problem that stops the server.
locales:
	$(GO) tool goi18n extract -sourceLanguage es -outdir locales/ui ./app/i18n
	$(GO) run ./app/translations

# The gallery (README, "Gallery"): docs/gallery/*.png, every state of the card, the standalone
# pages and the demo, drawn by headless Chromium from the fixture events (app/gallery).
screenshots: build test-deps
	$(GO) run ./app/gallery -out docs/gallery

# The performance budgets (README, "Performance"): after the build (the wasm, its
# .gz/.br, the server), the bench builds the floor (a minimal go-app client, same flags) and the
# static export for nginx, measures every budget beside its baseline in the same run, prints one
# table and writes it to bin/bench.json (and .md). BENCH_FLAGS passes options (-only 1,6 -runs 5
# -events 1,10). Never part of `make test`. Needs wrk, nginx and Chromium: installed when missing.
bench: build bench-deps
	$(GO) run ./app/bench -goflags "$(GOFLAGS_BUILD)" $(BENCH_FLAGS)

bench-deps: test-deps
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian package) for the benchmark..."; $(call APT_INSTALL,wrk); }
	@command -v wrk >/dev/null 2>&1 || { echo "wrk is still missing after the install: see the messages above." >&2; exit 1; }

clean:
	rm -rf bin dist $(WASM) $(WASM).gz $(WASM).br

# Fuzzing (README, "Security"): each Go fuzz target for FUZZTIME (default 20s), one
# after the other. `make test` runs them too, as regular tests over their seed corpora
# (testdata/fuzz/<target>/ beside each package); an input that fails here is written there:
# commit it with the fix, and it stays a test.
.PHONY: fuzz soak soak-deps
FUZZTIME ?= 20s
FUZZ_TARGETS = ./app/i18n:FuzzMatcherTag ./app/i18n:FuzzAcceptLanguage ./app/card:FuzzParsePath ./app/content:FuzzParse ./app/server:FuzzServeHTTP
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "== $${t#*:} in $${t%%:*}, $(FUZZTIME)"; \
	  $(GO) test -run='^$$' -fuzz="^$${t#*:}$$" -fuzztime=$(FUZZTIME) $${t%%:*}; \
	done

# Load, then a stop under load (README, "Security"): the server binary on loopback, 60 s
# of wrk at 256 connections over every page and asset, then SIGTERM in the middle of more load;
# prints its figures, and fails on a socket error, a 5xx, memory not back within 10% of its
# start, or a request lost on shutdown. About 4 minutes: the memory check waits for the Go
# runtime to hand memory back (it collects every 2 minutes when idle). SOAK_FLAGS passes options
# (-duration 20s -connections 64). Needs wrk: installed when missing. Never part of `make test`.
soak: build soak-deps
	$(GO) run ./app/soak -server $(SERVER) $(SOAK_FLAGS)

soak-deps:
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian package) for the soak..."; $(call APT_INSTALL,wrk); }
	@command -v wrk >/dev/null 2>&1 || { echo "wrk is still missing after the install: see the messages above." >&2; exit 1; }

# The container image (docs/deploy/Dockerfile; README, "Deploy"), built and run with podman by
# TestContainerImage: read-only, non-root, healthy, serving, stopped by SIGTERM. Not part of
# `make test`: a whole Go build runs inside the container (11 minutes the first time on this
# busy 2-CPU machine, 1½ after a change), after, on a new machine, the build image (2 to 4½).
# The build image is BUILDER if given, else one made here from Debian's packages and this
# machine's Go (no image registry is needed). Installs podman, runc and mmdebstrap (Debian
# packages) when missing.
.PHONY: container-test container-deps
container-test: container-deps
	EVENTCARD_CONTAINER_TEST=1 $(GO) test -count=1 -timeout 30m -run '^TestContainerImage$$' -v .

container-deps:
	@command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1 && command -v mmdebstrap >/dev/null 2>&1 || { echo "Installing podman, runc and mmdebstrap (Debian packages) for the container test..."; $(call APT_INSTALL,podman runc mmdebstrap); }
	@command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1 && command -v mmdebstrap >/dev/null 2>&1 || { echo "podman, runc or mmdebstrap is still missing after the install: see the messages above." >&2; exit 1; }
