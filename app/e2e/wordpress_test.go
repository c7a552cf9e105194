package e2e

// WordPress as partners run it: Debian's package (6.1.9, its default theme Twenty Twenty-Three)
// on MariaDB, PHP and Apache, started by the test on loopback and set up without the network
// through WordPress's own PHP API. An author (no unfiltered_html, as most of a site's writers)
// writes posts that give the card's address alone, in the block editor and the classic editor,
// in Spanish and in French; WordPress discovers the widget's oEmbed, filters its answer and
// frames the card in its sandbox; Chromium opens each post. The one change to WordPress: a
// must-use plugin that lets it fetch from a loopback address, which stands in for a public host.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"eventcard/app/internal/daemon"
	"eventcard/app/nginxtest"
)

// Debian's packages (wordpress, php, php-mysql, mariadb-server, apache2 with libapache2-mod-php):
// where they put what the test starts.
const (
	wordPressRoot    = "/usr/share/wordpress"
	wordPressContent = "/var/lib/wordpress/wp-content"
	wordPressConfigs = "/etc/wordpress" // Debian's wp-config.php reads config-<name>.php here
	apacheModules    = "/usr/lib/apache2/modules"
)

// A wordPress is a WordPress site the test started, on its own database, web server and
// configuration, all removed with the test.
type wordPress struct {
	origin string // http://localhost:port
	config string // the name of its configuration, /etc/wordpress/config-<config>.php
	dir    string // its database, logs, scripts and must-use plugin
}

// wordPressPost is a post as the test writes it and WordPress publishes it.
type wordPressPost struct {
	Editor  string `json:"editor"` // "classic" or "block"
	Address string `json:"address"`
	Lang    string `json:"lang"` // the address's language: the card's
	Slug    string `json:"slug"` // the block's providerNameSlug
	ID      int    `json:"id"`
	Link    string `json:"link"`
}

func TestWordPress(t *testing.T) {
	start := time.Now()
	s := newSite(t, siteOptions{Wrap: withProbe}) // the probe: the card's console in WebKit too
	wp := startWordPress(t, s.widget)
	setUp := time.Since(start)

	// The addresses an author pastes: the event's page in Spanish and in French.
	var posts []wordPressPost
	for _, lang := range []string{"es", "fr"} {
		for _, editor := range []string{"classic", "block"} {
			posts = append(posts, wordPressPost{Editor: editor, Lang: lang, Address: s.widget + "/" + lang + "/events/" + eventID + "/"})
		}
	}
	posts = wp.writePosts(t, posts)
	t.Logf("WordPress installed, started and four posts written in %s", time.Since(start).Round(100*time.Millisecond))

	// Chromium opens each post: the Spanish ones on a phone, where the whole card is taller
	// than WordPress lets a frame be, the French ones on a desktop. The last action leaves the
	// post: the recording's link, or Share.
	for i, p := range posts {
		t.Run("chromium/"+p.Editor+"/"+p.Lang, func(t *testing.T) {
			checkWordPressPost(t, s, chromiumEngine{}, p, p.Lang == "es", i%2 == 1)
		})
	}
	// And WebKit (Safari's engine), a block post in French.
	t.Run("webkit/block/fr", func(t *testing.T) { checkWordPressPost(t, s, webkitEngine{}, posts[3], false, false) })
	t.Logf("TestWordPress: %s in all (set-up %s)", time.Since(start).Round(100*time.Millisecond), setUp.Round(100*time.Millisecond))
}

// embedHTML is the embed in a rendered post, as WordPress wrote it: the blockquote, then the
// frame.
var embedHTML = regexp.MustCompile(`(?s)<blockquote class="wp-embedded-content".*?</iframe>`)

// checkWordPressPost opens post p in b: the card shows in the post's language, the wasm running
// in WordPress's sandbox; WordPress sizes the frame from the card's word (and hides the
// blockquote); the language switches in place; "Show all" opens the whole card, which on a phone
// is taller than WordPress lets a frame be and scrolls in its frame; and a link (or Share)
// takes the visitor to the card's own page, through WordPress.
func checkWordPressPost(t *testing.T, s *site, b browser, p wordPressPost, phone, share bool) {
	// What WordPress made of the oEmbed answer.
	res, err := http.Get(p.Link)
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	page.ReadFrom(res.Body)
	res.Body.Close()
	embed := embedHTML.FindString(page.String())
	if embed == "" {
		t.Fatalf("%s: no embed in the post (status %d):\n%.3000s", p.Link, res.StatusCode, page.String())
	}
	t.Logf("%s editor, %s: WordPress wrote\n%s", p.Editor, p.Address, embed)
	frameSrc, frameHeight := oembedFrame(t, p.Address)
	for _, want := range []string{`<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"`, `data-secret="`,
		`src="` + frameSrc + `#?secret=`, `<a href="` + p.Address + `">`} {
		if !strings.Contains(embed, want) {
			t.Errorf("the embed has no %s", want)
		}
	}
	if !strings.Contains(page.String(), "/wp-includes/js/wp-embed") {
		t.Error("WordPress did not add wp-embed.js to the post")
	}

	host := b.newTab(t)
	if phone {
		host.resize(t, 320, 640)
	} else {
		host.resize(t, 1200, 900)
	}
	host.open(t, p.Link)
	prefix := s.widget + "/" + p.Lang + "/embed/"
	var f doc
	frameConsole := func() []string { return nil }
	if c, ok := host.(*chromiumPage); ok {
		fc, log := listenedFrame(t, c, prefix) // the frame's own console, not the post's
		f, frameConsole = fc, log.get
	} else {
		f = host.frame(t, prefix)
	}
	waitFor(t, f, wasmStarted)
	checkCard(t, eval[cardText](t, f, readCard), p.Lang)
	if got := eval[[]string](t, f, `[self.origin, getComputedStyle(document.querySelector(".card")).borderTopLeftRadius]`); got[0] != "null" || got[1] == "0px" {
		t.Errorf("the card's frame: origin %q (want WordPress's sandbox, null), the card's corner %q (want its style sheet's)", got[0], got[1])
	}
	// The card spoke: WordPress showed the frame (it was hidden until then) and hid the quote.
	waitFor(t, host, `!document.querySelector("iframe.wp-embedded-content").hasAttribute("style") &&
	  getComputedStyle(document.querySelector("blockquote.wp-embedded-content")).display === "none"`)
	wpFits(t, host, f, "opened")
	if got := eval[[]float64](t, host, `[document.querySelector("iframe.wp-embedded-content").getBoundingClientRect().width, document.documentElement.scrollWidth, innerWidth]`); got[1] > got[2] {
		t.Errorf("the post scrolls sideways: the frame is %.0f px wide, the page %.0f px in a %.0f px window", got[0], got[1], got[2])
	}

	// In place: no reload, the wasm switches.
	other := map[string]string{"es": "en", "fr": "pt"}[p.Lang]
	eval[bool](t, f, `(window.__mark = true)`)
	wpClick(t, host, f, langLink(other))
	waitFor(t, f, `document.documentElement.lang === `+quoted(other))
	checkCard(t, eval[cardText](t, f, readCard), other)
	if !eval[bool](t, f, `window.__mark === true`) {
		t.Error("the language switch reloaded the frame")
	}
	wpFits(t, host, f, "after switching to "+other)

	// "Show all": the whole card; taller than 1000 px, it scrolls in its frame, down to the
	// button that folds it again.
	wpClick(t, host, f, ".card-fold-button")
	waitFor(t, f, `document.querySelector(".card-fold-button").getAttribute("aria-expanded") === "true"`)
	inner := wpFits(t, host, f, "shown in full")
	if phone && inner <= 1000 {
		t.Errorf("the whole card is %.0f px high on a phone: the test wants one taller than WordPress's frame can be", inner)
	}
	if inner > 1000 {
		eval[bool](t, f, `(scrollTo(0, document.documentElement.scrollHeight), true)`)
		if got := eval[[]float64](t, f, `[scrollY, document.querySelector(".card-fold-button").getBoundingClientRect().bottom, innerHeight]`); got[0] <= 0 || got[1] > got[2] {
			t.Errorf("the card does not scroll in its frame: scrollY %v, the fold button's bottom at %v in %v px", got[0], got[1], got[2])
		}
	}
	wpClick(t, host, f, ".card-fold-button")
	waitFor(t, f, `document.querySelector(".card-fold-button").getAttribute("aria-expanded") === "false"`)
	if h := wpFits(t, host, f, "folded again"); h != frameHeight {
		t.Errorf("folded again, the card is %.0f px, want the fold the oEmbed answer gave, %.0f", h, frameHeight)
	}

	readProbe(t, f).quiet(t, "the card's frame")
	if lines := frameConsole(); len(lines) > 0 {
		t.Errorf("the card's console in WordPress's sandbox:\n%s", strings.Join(lines, "\n"))
	}

	// The sandbox opens nothing: WordPress takes its page to the card's own, in the language
	// the visitor reads, where the recording's link opens in a new tab. The main action is in
	// the folded card; Share is further down, past "Show all".
	if share {
		wpClick(t, host, f, ".card-fold-button")
		waitFor(t, f, `document.querySelector(".card-fold-button").getAttribute("aria-expanded") === "true"`)
		wpClick(t, host, f, ".card-share")
	} else {
		wpClick(t, host, f, ".card-actions a.card-button")
	}
	want := s.widget + "/" + other + "/events/" + eventID + "/"
	for deadline := time.Now().Add(20 * time.Second); eval[string](t, host, `location.href`) != want; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the post is still at %s, not the card's own page %s", eval[string](t, host, `location.href`), want)
		}
	}
	waitFor(t, host, wasmStarted)
	checkCard(t, eval[cardText](t, host, readCard), other)
}

// wpClick clicks selector in the card's frame f, once the post is scrolled to it: WebKit's
// WebDriver scrolls the frame's document to an element, not the page around the frame, and a
// click below the window reaches nothing (seen on "Show all", at the foot of the card).
// A click that reaches no part of selector, not even its press, was aimed where the browser
// had not yet drawn the frame (seen in Chromium on a busy machine, after the post or the frame
// scrolled): it is aimed again, as Playwright does when its click's target is not hit. A press
// that reaches it and makes no click is the card's fault: that fails.
func wpClick(t *testing.T, host tab, f doc, selector string) {
	t.Helper()
	for try := 1; ; try++ {
		y := eval[float64](t, f, `(() => { const r = document.querySelector(`+quoted(selector)+`).getBoundingClientRect(); return r.top + r.height / 2; })()`)
		eval[bool](t, host, fmt.Sprintf(`(scrollBy({ top: document.querySelector("iframe.wp-embedded-content").getBoundingClientRect().top + %f - innerHeight / 2, behavior: "instant" }), true)`, y))
		eval[bool](t, f, pressesSeen(selector))
		eval[bool](t, host, pressesSeen(selector))
		host.click(t, f, selector)
		// The frame saw the click on its target (a link may already have taken the post away).
		var clicked, pressed bool
		for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline) && !clicked; time.Sleep(50 * time.Millisecond) {
			raw, err := f.evaluate(`[__seen.some((s) => s.startsWith("click (on it)")), __seen.some((s) => s.startsWith("pointerdown (on it)"))]`)
			if err != nil {
				return
			}
			var seen []bool
			json.Unmarshal(raw, &seen)
			clicked, pressed = seen[0], seen[1]
		}
		if clicked {
			return
		}
		missed := fmt.Sprintf("clicking %s (try %d): the frame saw %s; the post saw %s; the target is now at %s in the frame, the frame at %s in the post",
			selector, try, eval[string](t, f, `__seen.join("; ") || "nothing"`), eval[string](t, host, `__seen.join("; ") || "nothing"`),
			eval[string](t, f, `JSON.stringify([scrollY, innerHeight, document.querySelector(`+quoted(selector)+`).getBoundingClientRect()])`),
			eval[string](t, host, `JSON.stringify([scrollY, innerHeight, document.querySelector("iframe.wp-embedded-content").getBoundingClientRect()])`))
		if pressed || try == 3 {
			t.Fatal(missed)
		}
		t.Log(missed)
	}
}

// pressesSeen records, in the document it runs in, the presses and clicks it sees from now on,
// marked "(on it)" where they reach selector: what a lost click reached, if anything.
func pressesSeen(selector string) string {
	return `(() => {
  if (!window.__seen) {
    window.__seen = [];
    for (const type of ["pointerdown", "pointerup", "click"])
      addEventListener(type, (e) => __seen.push(type + (e.target.closest?.(__want) ? " (on it) " : " ") + e.target.nodeName + "." + e.target.className + " @" + Math.round(e.clientX) + "," + Math.round(e.clientY)), true);
  }
  __seen.length = 0;
  window.__want = ` + quoted(selector) + `;
  return true;
})()`
}

// wpFits waits until WordPress has made the frame the card's height, within its 200-1000 px,
// and returns the card's height.
func wpFits(t *testing.T, host, f doc, when string) float64 {
	t.Helper()
	var outer, inner float64
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		outer = eval[float64](t, host, `document.querySelector("iframe.wp-embedded-content").getBoundingClientRect().height`)
		inner = eval[float64](t, f, `document.documentElement.getBoundingClientRect().height`)
		if want := min(max(inner, 200), 1000); outer >= want-2 && outer <= want+2 {
			return inner
		}
	}
	t.Errorf("%s: WordPress's frame is %.0f px high, the card %.0f px", when, outer, inner)
	return inner
}

// startWordPress starts MariaDB, installs WordPress on it through its PHP API, lets it fetch
// from the widget at widget (loopback), and serves it with Apache on a free loopback port.
func startWordPress(t *testing.T, widget string) *wordPress {
	t.Helper()
	modPHP, _ := filepath.Glob(apacheModules + "/libphp*.so")
	modPHP = append(modPHP, apacheModules+"/libphp.so")
	for _, f := range []struct{ path, pkg string }{
		{wordPressRoot + "/wp-load.php", "wordpress"},
		{"/usr/sbin/mariadbd", "mariadb-server"},
		{"/usr/bin/mariadb-install-db", "mariadb-server"},
		{"/usr/sbin/apache2", "apache2"},
		{modPHP[0], "libapache2-mod-php"},
	} {
		if _, err := os.Stat(f.path); err != nil {
			t.Fatalf("%s not found: `make test` installs Debian's wordpress, php-cli, php-mysql, mariadb-server, apache2 and libapache2-mod-php; or run apt-get install -y %s", f.path, f.pkg)
		}
	}
	php, err := exec.LookPath("php")
	if err != nil {
		t.Fatal(missing("PHP", "php-cli", err))
	}

	removeStaleConfigs()
	dir := t.TempDir()
	// Apache's workers run as www-data: they read the plugin and reach the database's socket.
	for d := dir; strings.HasPrefix(d, filepath.Clean(os.TempDir())+string(filepath.Separator)); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	wp := &wordPress{dir: dir, config: "eventcard-e2e-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(time.Now().UnixNano()%1e6, 10)}
	port := nginxtest.FreePort(t)
	wp.origin = "http://localhost:" + strconv.Itoa(port)
	socket := startMariaDB(t, dir)

	// Debian's wp-config.php reads /etc/wordpress/config-<WORDPRESS_CONFIG>.php (Apache's SetEnv
	// below; the PHP scripts set it themselves). Nothing leaves the machine: WordPress may reach
	// itself and 127.0.0.1, no other host.
	widgetURL, _ := url.Parse(widget)
	config := fmt.Sprintf(`<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:%[1]s');
define('WP_HOME', '%[2]s');
define('WP_SITEURL', '%[2]s');
define('WPMU_PLUGIN_DIR', '%[3]s');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', '127.0.0.1');
`, socket, wp.origin, filepath.Join(dir, "mu-plugins"))
	configFile := filepath.Join(wordPressConfigs, "config-"+wp.config+".php")
	if err := os.WriteFile(configFile, []byte(config), 0o644); err != nil {
		t.Fatalf("writing WordPress's configuration where Debian's package reads it: %v (the test writes and removes %s: run it as root)", err, configFile)
	}
	t.Cleanup(func() { os.Remove(configFile) })

	// The one change to WordPress: the widget on 127.0.0.1 and its port stand in for a public
	// host on 443 (wp_safe_remote_get refuses loopback addresses and other ports).
	plugin := fmt.Sprintf(`<?php add_filter('http_request_host_is_external', fn($external, $host) => $external || $host === %q, 10, 2); add_filter('http_allowed_safe_ports', fn($ports) => array_merge($ports, [%s]));`+"\n",
		widgetURL.Hostname(), widgetURL.Port())
	if err := os.MkdirAll(filepath.Join(dir, "mu-plugins"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mu-plugins", "eventcard-e2e-loopback.php"), []byte(plugin), 0o644); err != nil {
		t.Fatal(err)
	}

	// wp_install, as WordPress's installer runs it, on an empty database.
	wp.php(t, php, `(new mysqli(null, 'root', '', '', 0, `+phpString(socket)+`))->query('CREATE DATABASE wordpress');
define('WP_INSTALLING', true);`, `require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Partner', 'admin', 'admin@example.org', false, '', wp_generate_password());`)
	startApache(t, dir, port, wp.config, modPHP[0])
	return wp
}

// removeStaleConfigs removes the configurations that tests killed before their end left in
// /etc/wordpress: those of a process that no longer runs.
func removeStaleConfigs() {
	files, _ := filepath.Glob(filepath.Join(wordPressConfigs, "config-eventcard-e2e-*-*.php"))
	for _, f := range files {
		pid, err := strconv.Atoi(strings.Split(strings.TrimPrefix(filepath.Base(f), "config-eventcard-e2e-"), "-")[0])
		if err == nil && pid > 0 && syscall.Kill(pid, 0) == syscall.ESRCH {
			os.Remove(f)
		}
	}
}

// writePosts creates posts as an author, each giving the card's address alone: on a line of its
// own in the classic editor, in an Embed block as the block editor saves it. It returns them
// with their id and address.
func (wp *wordPress) writePosts(t *testing.T, posts []wordPressPost) []wordPressPost {
	t.Helper()
	for i, p := range posts {
		posts[i].Slug = providerSlug(t, p.Address)
	}
	in, _ := json.Marshal(posts)
	file := filepath.Join(wp.dir, "posts.json")
	if err := os.WriteFile(file, in, 0o644); err != nil {
		t.Fatal(err)
	}
	php, _ := exec.LookPath("php")
	out := wp.php(t, php, "", `$author = wp_insert_user(['user_login' => 'autora', 'user_pass' => wp_generate_password(), 'user_email' => 'autora@example.org', 'role' => 'author']);
if (is_wp_error($author)) { fwrite(STDERR, $author->get_error_message()); exit(1); }
wp_set_current_user($author);
kses_init(); // an author's content goes through kses, as from the editors
if (current_user_can('unfiltered_html')) { fwrite(STDERR, "the author may post unfiltered HTML\n"); exit(1); }
$posts = json_decode(file_get_contents(`+phpString(file)+`), true);
foreach ($posts as &$p) {
	$url = $p['address'];
	if ($p['editor'] === 'classic') {
		$content = "Una organización aliada cuenta sus actividades.\n\n$url\n\nEste párrafo está debajo de la tarjeta.";
	} else {
		$slug = $p['slug'];
		$content = "<!-- wp:paragraph -->\n<p>Una organización aliada cuenta sus actividades.</p>\n<!-- /wp:paragraph -->\n\n" .
			"<!-- wp:embed " . wp_json_encode(['url' => $url, 'type' => 'rich', 'providerNameSlug' => $slug], JSON_UNESCAPED_SLASHES) . " -->\n" .
			"<figure class=\"wp-block-embed is-type-rich is-provider-$slug wp-block-embed-$slug\"><div class=\"wp-block-embed__wrapper\">\n$url\n</div></figure>\n<!-- /wp:embed -->\n\n" .
			"<!-- wp:paragraph -->\n<p>Este párrafo está debajo de la tarjeta.</p>\n<!-- /wp:paragraph -->";
	}
	$id = wp_insert_post(['post_title' => 'La tarjeta, ' . $p['editor'] . ', ' . $p['lang'], 'post_content' => $content, 'post_status' => 'publish'], true);
	if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
	// A new post has no oEmbed cached (_oembed_* post meta): WordPress fetches it when the post
	// is first shown. Cleared all the same, as between two attempts.
	foreach (array_keys(get_post_meta($id)) as $key) if (str_starts_with($key, '_oembed_')) delete_post_meta($id, $key);
	$p['id'] = $id;
	$p['link'] = get_permalink($id);
}
echo json_encode($posts);`)
	var written []wordPressPost
	if err := json.Unmarshal([]byte(out), &written); err != nil || len(written) != len(posts) {
		t.Fatalf("WordPress's posts: %v\n%s", err, out)
	}
	return written
}

// oembedAnswer is what the widget's oEmbed endpoint answers for address, as WordPress reads it.
type oembedAnswer struct {
	HTML         string  `json:"html"`
	Height       float64 `json:"height"`
	ProviderName string  `json:"provider_name"`
}

func oembedOf(t *testing.T, address string) oembedAnswer {
	t.Helper()
	u, _ := url.Parse(address)
	res, err := http.Get(u.Scheme + "://" + u.Host + "/oembed?" + url.Values{"url": {address}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var o oembedAnswer
	if err := json.NewDecoder(res.Body).Decode(&o); err != nil {
		t.Fatalf("the oEmbed of %s: %v", address, err)
	}
	return o
}

// oembedFrame is the frame's address and height in the widget's oEmbed answer for address.
func oembedFrame(t *testing.T, address string) (src string, height float64) {
	t.Helper()
	o := oembedOf(t, address)
	m := regexp.MustCompile(`<iframe src="([^"]+)"`).FindStringSubmatch(o.HTML)
	if m == nil || o.Height == 0 {
		t.Fatalf("the oEmbed of %s has no frame: %+v", address, o)
	}
	return html.UnescapeString(m[1]), o.Height
}

// providerSlug is the providerNameSlug the block editor gives an embed of address: its oEmbed
// provider's name, kebab-cased as Gutenberg does (lodash's kebabCase of the lower case name:
// accents and apostrophes dropped, words joined by hyphens).
func providerSlug(t *testing.T, address string) string {
	t.Helper()
	o := oembedOf(t, address)
	if o.ProviderName == "" {
		t.Fatalf("the oEmbed of %s names no provider", address)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(o.ProviderName)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '\u2019':
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), "-")
}

// php runs a PHP script that loads WordPress, with before run first (constants, the database)
// and then body; it fails the test with the script's output if PHP does, and returns it.
func (wp *wordPress) php(t *testing.T, php, before, body string) string {
	t.Helper()
	host, _ := url.Parse(wp.origin)
	script := "<?php\n$_SERVER['WORDPRESS_CONFIG'] = " + phpString(wp.config) + ";\n$_SERVER['HTTP_HOST'] = " + phpString(host.Host) +
		";\n" + before + "\nrequire " + phpString(wordPressRoot+"/wp-load.php") + ";\n" + body + "\n"
	file := filepath.Join(wp.dir, "script.php")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(php, "-d", "display_errors=stderr", file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("PHP: %v\n%s\n%s\n%s", err, stderr.String(), stdout.String(), script)
	}
	return stdout.String()
}

// phpString is s as a PHP string literal.
func phpString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// startMariaDB initializes a database in dir and serves it on a socket there (no network), until
// the test ends; it returns the socket's path.
func startMariaDB(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "db")
	socket := filepath.Join(dir, "mysqld.sock")
	cnf := filepath.Join(dir, "my.cnf")
	err := os.WriteFile(cnf, []byte(fmt.Sprintf(`[mariadbd]
datadir=%[1]s
socket=%[2]s
pid-file=%[3]s/mysqld.pid
log-error=%[3]s/mysqld.err
skip-networking
skip-log-bin
user=root
innodb_buffer_pool_size=16M
innodb_log_file_size=4M
`, db, socket, dir)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mariadb-install-db", "--defaults-file="+cnf, "--auth-root-authentication-method=normal", "--skip-test-db").CombinedOutput(); err != nil {
		t.Fatalf("mariadb-install-db: %v\n%s", err, out)
	}
	var output bytes.Buffer
	cmd := exec.Command("/usr/sbin/mariadbd", "--defaults-file="+cnf)
	cmd.Stdout, cmd.Stderr = &output, &output
	stopWith(t, cmd, syscall.SIGTERM, "MariaDB", func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "mysqld.err"))
		return output.String() + string(b)
	}, func() bool {
		_, err := os.Stat(socket)
		return err == nil
	})
	return socket
}

// startApache serves WordPress (with mod_php, as Debian's wordpress package suggests) on
// 127.0.0.1:port, in a configuration whose every file is in dir, until the test ends. The
// workers run as www-data.
func startApache(t *testing.T, dir string, port int, config, modPHP string) {
	t.Helper()
	conf := fmt.Sprintf(`ServerRoot %[1]s
DefaultRuntimeDir %[1]s
PidFile %[1]s/httpd.pid
ErrorLog %[1]s/httpd-error.log
LogLevel warn
Listen 127.0.0.1:%[2]d
ServerName localhost
User www-data
Group www-data
LoadModule mpm_prefork_module %[3]s/mod_mpm_prefork.so
LoadModule authz_core_module %[3]s/mod_authz_core.so
LoadModule dir_module %[3]s/mod_dir.so
LoadModule mime_module %[3]s/mod_mime.so
LoadModule env_module %[3]s/mod_env.so
LoadModule alias_module %[3]s/mod_alias.so
LoadModule php_module %[4]s
StartServers 2
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 8
TypesConfig /etc/mime.types
DirectoryIndex index.php
DocumentRoot %[5]s
Alias /wp-content %[6]s
SetEnv WORDPRESS_CONFIG %[7]s
<Directory />
    Require all denied
    AllowOverride None
</Directory>
<Directory %[5]s>
    Require all granted
</Directory>
<Directory %[6]s>
    Require all granted
</Directory>
<FilesMatch "\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
`, dir, port, apacheModules, modPHP, wordPressRoot, wordPressContent, config)
	file := filepath.Join(dir, "httpd.conf")
	if err := os.WriteFile(file, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	var output bytes.Buffer
	cmd := exec.Command("/usr/sbin/apache2", "-f", file, "-DFOREGROUND")
	cmd.Stdout, cmd.Stderr = &output, &output
	origin := "http://127.0.0.1:" + strconv.Itoa(port)
	stopWith(t, cmd, syscall.SIGTERM, "Apache", func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "httpd-error.log"))
		return output.String() + string(b)
	}, func() bool {
		res, err := http.Get(origin + "/wp-includes/js/wp-embed.min.js")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
}

// stopWith starts cmd, waits until ready says so (30 s at most), and stops it with signal when
// the test ends; log is what it wrote, for a failure.
func stopWith(t *testing.T, cmd *exec.Cmd, signal os.Signal, name string, log func() string, ready func() bool) {
	t.Helper()
	// A process group of its own: Apache stops its workers by signalling its whole group, which
	// would otherwise be the tests'.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	daemon.Run(t, daemon.Program{Name: name, Cmd: cmd, Log: log, Ready: ready, Wait: 30 * time.Second, Stop: signal, Grace: 15 * time.Second})
}
