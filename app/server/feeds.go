package server

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"eventcard/app/assets"
	"eventcard/app/i18n"
	"eventcard/app/meta"
)

// calendarFeeds keeps the calendar of the upcoming events per language: it changes when an event
// ends, so each is made for the events still upcoming and kept until one more ends.
type calendarFeeds struct {
	s     *site
	stamp time.Time
	made  sync.Map // "lang|upcoming count" → *assets.Asset
}

// routeCalendarFeeds routes /events.ics and /{lang}/events.ics, for each language of the
// site: the calendar a visitor subscribes to (its address works as webcal: too). One literal
// pattern per language, not a {lang} wildcard: a wildcard first segment costs the ServeMux
// allocations on every address it is tried against, the card pages' among them.
func (s *site) routeCalendarFeeds(mux *http.ServeMux) {
	feed := func(lang string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Cache-Control"] = assets.CacheRevalidate
			s.feeds.get(lang, time.Now()).Serve(w, r, http.StatusOK)
		}
	}
	langs := s.set.Languages()
	if slices.Contains(langs, i18n.SourceLanguage) {
		mux.HandleFunc("GET /events.ics", feed(i18n.SourceLanguage))
	}
	for _, lang := range langs {
		mux.HandleFunc("GET /"+lang+"/events.ics", feed(lang))
	}
}

func (f *calendarFeeds) get(lang string, now time.Time) *assets.Asset {
	upcoming := 0
	for _, e := range f.s.set.Events() {
		if end, _ := e.When.End(); now.Before(end) {
			upcoming++
		}
	}
	key := lang + "|" + strconv.Itoa(upcoming)
	if a, ok := f.made.Load(key); ok {
		return a.(*assets.Asset)
	}
	body := meta.CalendarFeed(f.s.set, lang, f.s.base, now, f.stamp)
	a := assets.NewLazy("text/calendar; charset=utf-8", body, `"`+f.s.version+"-"+strconv.Itoa(upcoming)+`"`,
		func() (gz, br []byte, err error) { return assets.Encode(body) })
	v, _ := f.made.LoadOrStore(key, a)
	return v.(*assets.Asset)
}
