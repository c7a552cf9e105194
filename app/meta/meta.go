// Package meta describes the site and its events to other programs: schema.org Event data for
// search engines, iCalendar files for calendars, oEmbed answers for a CMS's editor, and the web
// app manifests for browsers that install the standalone page.
package meta

import "net/url"

// ShareImage is the image social networks and oEmbed consumers show for a page about no event:
// the site's icon, square.
const (
	ShareImage     = "/web/icon-512.png"
	ShareImageSize = 512
)

// SocialImageWidth and SocialImageHeight are an event's social image's size, as Open Graph and
// Twitter's large card want it.
const SocialImageWidth, SocialImageHeight = 1200, 630

// SocialImagePath is where the server serves the social image of event id in lang: its title,
// date and organizers, drawn; a JPEG with the event's banner (a photo), else a PNG.
func SocialImagePath(id, lang string, banner bool) string {
	if banner {
		return "/images/" + id + "/social." + lang + ".jpg"
	}
	return "/images/" + id + "/social." + lang + ".png"
}

// abs is the address of path on base's origin: what meta writes never names the Host a request
// came with.
func abs(base *url.URL, path string) string {
	return base.Scheme + "://" + base.Host + path
}
