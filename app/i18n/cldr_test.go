package i18n_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"eventcard/app/i18n"
	"eventcard/app/internal/fixtures"
)

// zonesOfTheAmericasAndEurope are zones an event may name, with no file to write for any: the
// events' own, the README's examples, the OAS members' capitals and more, in the Americas and
// in Europe. Some are known to CLDR under another id (America/Argentina/Buenos_Aires is CLDR's
// America/Buenos_Aires, Europe/Kyiv its Europe/Kiev, America/Atikokan its
// America/Coral_Harbour; US/Eastern is a tzdata link to America/New_York).
var zonesOfTheAmericasAndEurope = []string{
	"America/Asuncion", "America/Montevideo", "America/New_York", "America/Sao_Paulo",
	"America/Bogota", "America/Mexico_City", "America/Santo_Domingo", "America/Port-au-Prince",
	"America/Argentina/Buenos_Aires", "America/Santiago", "America/Lima", "America/Caracas",
	"America/La_Paz", "America/Guatemala", "America/Panama", "America/Havana",
	"America/Chicago", "America/Los_Angeles", "America/Toronto", "America/Halifax",
	"America/St_Johns", "America/Puerto_Rico", "America/Jamaica", "America/Paramaribo",
	"America/Port_of_Spain", "America/Noronha", "America/Atikokan", "US/Eastern",
	"Europe/Madrid", "Europe/Paris", "Europe/Lisbon", "Europe/Berlin",
	"Europe/Kyiv", "Atlantic/Azores", "Atlantic/Canary",
}

// TestZoneNamesMatchICU: a card in any of those zones gets its zone's long name in every
// language as ICU writes it, standard and daylight: the card's whole date-time (FullDateTime)
// on the 1st and the 15th of every month of 2020 and 2026, compared with ICU's.
func TestZoneNamesMatchICU(t *testing.T) {
	var instants []time.Time
	daylight := map[string]bool{} // zones seen on summer time
	for _, zone := range zonesOfTheAmericasAndEurope {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, year := range []int{2020, 2026} {
			for month := time.January; month <= time.December; month++ {
				for _, day := range []int{1, 15} {
					at := time.Date(year, month, day, 10, 30, 0, 0, loc)
					instants = append(instants, at)
					if at.IsDST() {
						daylight[zone] = true
					}
				}
			}
		}
	}
	fullDateTimesMatchICU(t, instants)
	if len(daylight) < 15 {
		t.Errorf("only %d zones on daylight time on some day: %v", len(daylight), daylight)
	}
}

// TestZoneNameWithoutCLDRName: a zone CLDR names in no language, or whose summer time has a
// name of its own that the library lacks, is written as an offset from GMT (as CLDR's root
// locale writes it, ICU's fallback), never as a wrong name or an error. ICU writes the
// British and Irish names there, and French writes "UTC−03:00" (the card writes the same
// offset in every language).
func TestZoneNameWithoutCLDRName(t *testing.T) {
	c := loadCatalog(t, fixtures.Tree(t))
	for _, tc := range []struct {
		zone string
		at   [3]int // year, month, day, at noon
		want string
	}{
		{"America/Punta_Arenas", [3]int{2026, 7, 1}, "GMT-03:00"}, // ICU: "GMT-03:00" (fr "UTC−03:00")
		{"Africa/Casablanca", [3]int{2026, 1, 15}, "GMT+01:00"},   // ICU likewise
		{"Etc/GMT+3", [3]int{2026, 1, 15}, "GMT-03:00"},
		{"Europe/London", [3]int{2026, 7, 1}, "GMT+01:00"}, // ICU: "British Summer Time"
		{"Europe/Dublin", [3]int{2026, 7, 1}, "GMT+01:00"}, // ICU: "Irish Standard Time"; never "Greenwich Mean Time" in summer
		{"Europe/Dublin", [3]int{2026, 1, 15}, "GMT"},      // ICU: "Greenwich Mean Time"
		{"UTC", [3]int{2026, 1, 15}, "GMT"},                // ICU: "Coordinated Universal Time"
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(tc.at[0], time.Month(tc.at[1]), tc.at[2], 12, 0, 0, 0, loc)
		for _, lang := range languages {
			l, _ := c.For(lang, "")
			if got := l.ZoneName(at); got != tc.want {
				t.Errorf("%s %s %s: ZoneName = %q, want %q", lang, tc.zone, at.Format(time.DateOnly), got, tc.want)
			}
			if err := l.Err(); err != nil {
				t.Errorf("%s: Err = %v", lang, err)
			}
		}
	}
	// London's winter time is a CLDR name (metazone GMT).
	london, _ := time.LoadLocation("Europe/London")
	l, _ := c.For("es", "")
	if got, want := l.ZoneName(time.Date(2026, 1, 15, 12, 0, 0, 0, london)), "hora del meridiano de Greenwich"; got != want {
		t.Errorf("es Europe/London in January: %q, want %q", got, want)
	}
}

// TestLanguageWithoutCLDRData: a language the date library has no data for (Aymara) stops the
// catalog at load, naming the language, before its cards could print dates from nowhere.
func TestLanguageWithoutCLDRData(t *testing.T) {
	fsys := fixtures.Tree(t)
	fsys["locales/languages.toml"] = &fstest.MapFile{Data: []byte(`languages = ["es", "en", "pt", "fr", "ay"]`)}
	_, err := i18n.Load(fsys)
	if err == nil || !strings.Contains(err.Error(), "locales/languages.toml") || !strings.Contains(err.Error(), `"ay"`) || !strings.Contains(err.Error(), "CLDR") {
		t.Errorf("Load with a language without CLDR data: %v", err)
	}
}
