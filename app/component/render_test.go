package component_test

// The card as a visitor sees it, rendered as the server prerenders it: whether the event is
// still on, what to do now, when and where, who, and the list of events.

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"eventcard/app/card"
	"eventcard/app/content"
	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
	"eventcard/app/views"
)

// eventPage is event id's standalone page in lang.
func eventPage(id, lang string) card.Path {
	return card.Path{Kind: card.EventPage, Lang: lang, Event: id}
}

// TestStatusAtTheTop: an event that is not simply on says so first, above its title, in every
// language (what it says in each is app/views' test); an event on says nothing of the kind.
func TestStatusAtTheTop(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	for _, id := range fixtures.IDs {
		e := fixtures.Event(t, tree, id)
		b, _ := s.Bundle(id)
		for _, lang := range langs {
			for _, kind := range []card.Kind{card.EventPage, card.EmbedPage} {
				page := render(b, card.Path{Kind: kind, Lang: lang, Event: id})
				alerts := byClass(page, "card-alert")
				if e.Status == content.Scheduled {
					if len(alerts) != 0 {
						t.Errorf("%s %s: a scheduled event says %q", id, lang, alerts[0].text)
					}
					continue
				}
				want := space(b.View(lang).Card.Status.Text)
				title := byClass(page, "card-title")
				if len(alerts) != 1 || alerts[0].text != want || !strings.Contains(alerts[0].tag, "card-alert--"+string(e.Status)) {
					t.Errorf("%s %s: alerts %+v, want one saying %q", id, lang, alerts, want)
				} else if len(title) != 1 || alerts[0].at > title[0].at || alerts[0].at > byClass(page, "card-meta")[0].at {
					t.Errorf("%s %s: the status is not at the top, before the title", id, lang)
				}
			}
		}
	}
}

// TestNothingToDoWhenCancelledOrPostponed: no registration, no meeting, no calendar file for an
// event that will not take place on its date; only the share button.
func TestNothingToDoWhenCancelledOrPostponed(t *testing.T) {
	s := load(t, fixtures.Tree(t))
	for _, id := range []string{fixtures.Cancelled, fixtures.Postponed} {
		b, _ := s.Bundle(id)
		for _, lang := range langs {
			page := render(b, eventPage(id, lang))
			if buttons := byClass(page, "card-button"); len(buttons) != 0 {
				t.Errorf("%s %s: %d actions offered, the first %s", id, lang, len(buttons), buttons[0].tag)
			}
			if len(byClass(page, "card-share")) != 1 {
				t.Errorf("%s %s: no share button", id, lang)
			}
		}
	}
}

// TestFormerDateStruckThrough: a rescheduled event shows its new date, and its former one
// struck through (<del>), after what a screen reader says before it.
func TestFormerDateStruckThrough(t *testing.T) {
	tree := fixtures.Tree(t)
	e := fixtures.Event(t, tree, fixtures.Rescheduled)
	b, _ := load(t, tree).Bundle(fixtures.Rescheduled)
	for _, lang := range langs {
		l := fixtures.Localizer(t, tree, lang, "")
		page := render(b, eventPage(fixtures.Rescheduled, lang))
		former := byClass(page, "card-former")
		if len(former) != 1 {
			t.Fatalf("%s: %d former dates", lang, len(former))
		}
		end, _ := e.When.End()
		label, date := l.Text(i18n.FormerDate, nil), l.FullDateTime(e.Previous.Start())
		if want := space(label + " " + date); former[0].text != want {
			t.Errorf("%s: former date %q, want %q", lang, former[0].text, want)
		}
		del := page[former[0].at:]
		if i := strings.Index(del, "<del>"); i < 0 || !strings.HasPrefix(del[i:], "<del>"+date+"</del>") {
			t.Errorf("%s: the former date %q is not struck through", lang, date)
		}
		if when := byClass(page, "card-when"); len(when) != 1 || !strings.HasPrefix(when[0].text, space(l.FullDateTimeRange(e.When.Start(), end))) {
			t.Errorf("%s: the new date is not shown first: %+v", lang, when)
		}
	}
	// No other event has a former date.
	s := load(t, tree)
	for _, id := range fixtures.IDs {
		b, _ := s.Bundle(id)
		if n := strings.Count(render(b, eventPage(id, "en")), "<del>"); n != 0 && id != fixtures.Rescheduled {
			t.Errorf("%s: %d struck-through texts", id, n)
		}
	}
}

// TestActionsInThePage: the page shows the actions that apply at the clock of its rendering,
// the first as the main button: the recording of a past event; registration and the calendar
// file before an event; the meeting from half an hour before it starts.
func TestActionsInThePage(t *testing.T) {
	tree := fixtures.Tree(t)
	// A meeting starting in ten minutes: the rescheduled one, moved to now.
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().In(asuncion).Truncate(time.Minute).Add(10 * time.Minute)
	meeting := strings.NewReplacer(`id = "rescheduled-meeting"`, `id = "meeting-soon"`,
		"date = 2099-05-21", "date = "+start.Format(time.DateOnly), `time = "14:00"`, `time = "`+start.Format("15:04")+`"`,
	).Replace(string(tree["events/"+fixtures.Rescheduled+".toml"].Data))
	tree["events/meeting-soon.toml"] = &fstest.MapFile{Data: []byte(meeting)}
	for _, lang := range langs {
		tree["locales/events/meeting-soon/active."+lang+".toml"] = tree["locales/events/"+fixtures.Rescheduled+"/active."+lang+".toml"]
	}
	s := load(t, tree)

	cases := []struct {
		id      string
		actions []string // by kind, the main one first
	}{
		{fixtures.PastWebinar, []string{"recording"}},
		{fixtures.Workshop, []string{"register", "calendar"}},
		{fixtures.HybridForum, []string{"register", "calendar"}},
		{fixtures.Rescheduled, []string{"calendar"}},
		{"meeting-soon", []string{"join", "calendar"}},
	}
	for _, c := range cases {
		e := fixtures.Event(t, tree, c.id)
		b, _ := s.Bundle(c.id)
		for _, lang := range langs {
			l := fixtures.Localizer(t, tree, lang, "")
			page := render(b, eventPage(c.id, lang))
			buttons := byClass(page, "card-button")
			var kinds []string
			for i, a := range buttons {
				kind := ""
				for _, k := range []string{"register", "join", "calendar", "recording"} {
					if a.class("card-button--" + k) {
						kind = k
					}
				}
				kinds = append(kinds, kind)
				if more := a.class("card-button--more"); more != (i > 0) {
					t.Errorf("%s %s: button %d is marked secondary %v", c.id, lang, i, more)
				}
				var text, href string
				switch kind {
				case "register":
					text, href = l.Text(i18n.Register, nil), e.Registration.URL
				case "join":
					text, href = l.Text(i18n.JoinOnline, nil), e.Join
				case "calendar":
					text, href = l.Text(i18n.AddToCalendar, nil), card.Path{Lang: lang, Event: c.id}.Calendar()
					if a.attrs["download"] != c.id+".ics" {
						t.Errorf("%s %s: the calendar file is not a download: %s", c.id, lang, a.tag)
					}
				case "recording":
					text, href = l.Text(i18n.WatchRecording, nil), e.Recording.URL
				}
				if !strings.HasPrefix(a.text, space(text)) || a.attrs["href"] != href {
					t.Errorf("%s %s: %s button %q %s, want %q to %s", c.id, lang, kind, a.text, a.tag, text, href)
				}
				if external := kind != "calendar"; external != (a.attrs["target"] == "_blank") || external && a.attrs["rel"] != "noopener" {
					t.Errorf("%s %s: %s opens a tab: %s", c.id, lang, kind, a.tag)
				}
			}
			if !slices.Equal(kinds, c.actions) {
				t.Errorf("%s %s: actions %v, want %v", c.id, lang, kinds, c.actions)
			}
		}
	}
	// The registration deadline is said beside the button.
	b, _ := s.Bundle(fixtures.Workshop)
	for _, lang := range langs {
		l := fixtures.Localizer(t, tree, lang, "")
		deadline := fixtures.Event(t, tree, fixtures.Workshop).Registration.Deadline.Add(-time.Minute)
		want := space(l.Text(i18n.RegisterUntil, map[string]any{"Date": l.FullDate(deadline)}))
		if notes := byClass(render(b, eventPage(fixtures.Workshop, lang)), "card-note"); len(notes) != 1 || notes[0].text != want {
			t.Errorf("%s: registration notes %+v, want %q", lang, notes, want)
		}
	}
}

// TestWhereAndWho: the venue with its country named in the card's language and a link to
// directions; initials for a speaker without a portrait; a portrait or a banner with its size
// (nothing moves when it loads), the banner at once, the portraits lazily.
func TestWhereAndWho(t *testing.T) {
	tree := fixtures.Tree(t)
	e := fixtures.Event(t, tree, fixtures.Workshop)
	picture := func(e *content.Event, img *content.Image, kind views.PictureKind, alt string) (*card.Picture, error) {
		src := "/images/" + e.ID + "/" + strings.TrimSuffix(img.File, ".png")
		return &card.Picture{Alt: alt, Src: src + "-480.jpg", Sizes: "100vw", Width: 480, Height: 270,
			Sources:  []card.Source{{Type: "image/avif", Srcset: src + "-480.avif 480w"}},
			Fallback: card.Source{Type: "image/jpeg", Srcset: src + "-480.jpg 480w"}}, nil
	}
	withPictures, err := views.Load(tree, picture)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := withPictures.Bundle(fixtures.Workshop)
	for _, lang := range langs {
		l := fixtures.Localizer(t, tree, lang, "")
		page := render(b, eventPage(fixtures.Workshop, lang))

		where := byClass(page, "card-where")
		v := e.Venue
		want := space(fmt.Sprintf("%s: %s %s %s %s %s %s", l.Text(i18n.Where, nil), v.Name, v.Street, v.PostalCode, v.Locality, l.Country(v.Country), l.Text(i18n.Directions, nil)))
		if len(where) != 1 || !strings.HasPrefix(where[0].text, want) || !strings.HasPrefix(where[0].tag, "<address") {
			t.Errorf("%s: venue %+v, want an <address> reading %q", lang, where, want)
		}
		if !strings.Contains(page, `href="`+v.Map+`"`) {
			t.Errorf("%s: no link to directions", lang)
		}

		// Elena Vera has no portrait: her initials.
		if initials := byClass(page, "card-initials"); len(initials) != 1 || initials[0].text != "EV" {
			t.Errorf("%s: initials %+v, want EV for Elena Vera", lang, initials)
		}
		portraits := byClass(page, "card-portrait-img")
		if len(portraits) != 1 {
			t.Fatalf("%s: %d portraits, want Dora Ruiz's", lang, len(portraits))
		}
		if p := portraits[0].attrs; p["loading"] != "lazy" || p["width"] != "480" || p["height"] != "270" || p["src"] == "" {
			t.Errorf("%s: portrait %s, want it lazy and sized", lang, portraits[0].tag)
		}
		if alt, ok := portraits[0].attrs["alt"]; !ok || alt != "" {
			t.Errorf("%s: portrait %s, want an empty alternative text (the name is beside it)", lang, portraits[0].tag)
		}
		banner := byClass(page, "card-banner-img")
		alt := fixtures.EventMessage(t, tree, fixtures.Workshop, lang, "Image.Alt")
		if len(banner) != 1 {
			t.Fatalf("%s: %d banners", lang, len(banner))
		}
		if banner[0].attrs["loading"] != "" || banner[0].attrs["alt"] != alt || banner[0].attrs["width"] != "480" || banner[0].attrs["height"] != "270" {
			t.Errorf("%s: banner %s, want it at once, sized, described as %q", lang, banner[0].tag, alt)
		}
		if banner[0].at > byClass(page, "card-head")[0].at {
			t.Errorf("%s: the banner is not at the top of the card", lang)
		}
		var formats []string
		for _, e := range elements(page) {
			if strings.HasPrefix(e.tag, "<source") {
				formats = append(formats, e.attrs["type"])
			}
		}
		if !slices.Equal(formats, []string{"image/avif", "image/avif"}) {
			t.Errorf("%s: formats offered beside the fallback %v, want AVIF for the banner and the portrait", lang, formats)
		}
	}
}

// TestIndexInThePage: the home page of several events lists the upcoming ones first, the
// soonest first, then the past ones, the most recent first, each a link to its card in the
// page's language, with its status when it is not simply on.
func TestIndexInThePage(t *testing.T) {
	tree := fixtures.Tree(t)
	s := load(t, tree)
	b, ok := s.Page(card.Path{Kind: card.HomePage})
	if !ok || b.Event != "" {
		t.Fatalf("the home page of the fixtures is not the index")
	}
	upcoming := []string{fixtures.Workshop, fixtures.Postponed, fixtures.Rescheduled, fixtures.HybridForum, fixtures.Cancelled, fixtures.MovedOnline}
	for _, lang := range langs {
		l := fixtures.Localizer(t, tree, lang, "")
		page := render(b, card.Path{Kind: card.HomePage, Lang: lang})
		groups := byClass(page, "index-group")
		if len(groups) != 2 || !strings.HasPrefix(groups[0].text, space(l.Text(i18n.EventsUpcoming, nil))) || !strings.HasPrefix(groups[1].text, space(l.Text(i18n.EventsPast, nil))) {
			t.Fatalf("%s: groups %+v, want the upcoming events, then the past", lang, groups)
		}
		var order []string
		for _, e := range elements(page[groups[0].at:]) {
			if href := e.attrs["href"]; strings.HasPrefix(e.tag, "<a ") && strings.HasPrefix(href, "/"+lang+"/events/") {
				order = append(order, strings.TrimSuffix(strings.TrimPrefix(href, "/"+lang+"/events/"), "/"))
			}
		}
		if want := append(slices.Clone(upcoming), fixtures.PastWebinar); !slices.Equal(order, want) {
			t.Errorf("%s: the index links %v, want %v", lang, order, want)
		}
		if alerts := byClass(page, "index-status"); len(alerts) != 4 {
			t.Errorf("%s: %d statuses in the index, want the 4 events not simply on", lang, len(alerts))
		}
	}
}
