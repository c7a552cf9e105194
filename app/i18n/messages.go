package i18n

import goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

// The interface texts of the card, in the source language (Spanish, the language of the first
// event). `make locales` extracts these literals with goi18n into locales/ui/active.es.toml;
// translators work in locales/ui only. Ids are stable: change a text, not its id. Pass them to
// Localizer.Text.
var (
	LanguageName = &goi18n.Message{ID: "LanguageName", Description: "This language's own name, in itself, for the language switcher", Other: "Español"}
	Language     = &goi18n.Message{ID: "Language", Description: "Label of the language switcher", Other: "Idioma"}

	Upcoming    = &goi18n.Message{ID: "Upcoming", Description: "Badge of an event that has not happened yet", Other: "Próximamente"}
	Past        = &goi18n.Message{ID: "Past", Description: "Badge of an event that already happened", Other: "Evento realizado"}
	OrganizedBy = &goi18n.Message{ID: "OrganizedBy", Description: "Heading of the organizers list", Other: "Organizan"}
	ReadMore    = &goi18n.Message{ID: "ReadMore", Description: "Control that shows the rest of the summary", Other: "Leer más"}
	ReadLess    = &goi18n.Message{ID: "ReadLess", Description: "Control that hides the rest of the summary", Other: "Leer menos"}
	ShowAll     = &goi18n.Message{ID: "ShowAll", Description: "Button that shows the whole card when it opens folded on a partner's page", Other: "Ver toda la tarjeta"}
	ShowLess    = &goi18n.Message{ID: "ShowLess", Description: "Button that folds the card again", Other: "Mostrar menos"}
	Speakers    = &goi18n.Message{
		ID:          "Speakers",
		Description: "Heading of the panel, with the number of people on it",
		One:         "{{.Count}} panelista",
		Many:        "{{.Count}} de panelistas",
		Other:       "{{.Count}} panelistas",
	}
	Moderator         = &goi18n.Message{ID: "Moderator", Description: "Marks the person who moderates the event", Other: "Moderación"}
	Host              = &goi18n.Message{ID: "Host", Description: "Marks the person who hosts the event (welcomes, introduces)", Other: "Presentación"}
	Highlights        = &goi18n.Message{ID: "Highlights", Description: "Heading of the quotes", Other: "Lo más destacado"}
	Documents         = &goi18n.Message{ID: "Documents", Description: "Heading of the related documents", Other: "Documentos relacionados"}
	NewTab            = &goi18n.Message{ID: "NewTab", Description: "Read by screen readers after a link that opens a new tab", Other: "(se abre en una pestaña nueva)"}
	FrameTitle        = &goi18n.Message{ID: "FrameTitle", Description: "Title of the frame that holds the card on a partner's page", Other: "Evento: {{.Title}}"}
	CardTitle         = &goi18n.Message{ID: "CardTitle", Description: "Frame title before the card has loaded", Other: "Tarjeta de evento"}
	Quoted            = &goi18n.Message{ID: "Quoted", Description: "A quotation in this language's quotation marks", Other: "«{{.Text}}»"}
	DocumentNote      = &goi18n.Message{ID: "DocumentNote", Description: "Publisher and year of a document", Other: "{{.Publisher}}, {{.Year}}"}
	UnknownEvent      = &goi18n.Message{ID: "UnknownEvent", Description: "Shown instead of a card when the event does not exist", Other: "No encontramos este evento. Revise la dirección o el código de la tarjeta."}
	UnknownEventTitle = &goi18n.Message{ID: "UnknownEventTitle", Description: "Page title when the event does not exist", Other: "Evento no encontrado"}

	// The day periods of a 12-hour clock, for the languages whose CLDR time pattern has one
	// ("2:00 PM"): the date library writes "am" and "pm" in every language (see cldr.go).
	msgDayPeriods = [2]*goi18n.Message{
		{ID: "DayPeriod.am", Description: "CLDR abbreviated day period before noon (format context), for languages whose time pattern has one: AM in English", Other: "a.\u00a0m."},
		{ID: "DayPeriod.pm", Description: "CLDR abbreviated day period after noon (format context): PM in English", Other: "p.\u00a0m."},
	}
	// Numbers in texts (counts): the fewest digits a number has before it is grouped (CLDR
	// minimumGroupingDigits, which the date library lacks; its separator is the library's).
	msgDigitGroupFrom = &goi18n.Message{ID: "DigitGroupFrom", Description: "Not a text: the fewest digits a number has when it is grouped (CLDR minimumGroupingDigits + 3): 5 in Spanish (1000, 10.000), else 4", Other: "5"}
)

// Ranges of days and of times, as ICU writes them (Intl.DateTimeFormat.formatRange): a
// multi-day event's days, a timed event's hours. Fields 1 are the start's, 2 the end's. CLDR's
// interval formats are not in the date library: these patterns are written here, and the
// names and times in them are the library's (weekdays, months, Localizer.Clock).
var (
	msgDateRangeSameMonth = &goi18n.Message{ID: "DateRange.SameMonth", Description: "CLDR interval of two days of one month, full dates (ICU formatRange, dateStyle full). Fields: .Weekday1 .Day1 .Month1 .Weekday2 .Day2 .Month2 .Year", Other: "{{.Weekday1}}, {{.Day1}} de {{.Month1}}\u2009–\u2009{{.Weekday2}}, {{.Day2}} de {{.Month2}} de {{.Year}}"}
	msgDateRangeSameYear  = &goi18n.Message{ID: "DateRange.SameYear", Description: "CLDR interval of two days of one year, in different months (ICU formatRange, dateStyle full). Fields as DateRange.SameMonth", Other: "{{.Weekday1}}, {{.Day1}} de {{.Month1}}\u2009–\u2009{{.Weekday2}}, {{.Day2}} de {{.Month2}} de {{.Year}}"}
	msgDateRange          = &goi18n.Message{ID: "DateRange", Description: "CLDR interval of two full dates or date-times: .Start and .End", Other: "{{.Start}}\u2009–\u2009{{.End}}"}
	msgTimeRange          = &goi18n.Message{
		ID:          "TimeRange",
		Description: "CLDR interval of two times of one day (ICU formatRange, hour and minute). Fields: .Start and .End (the language's short time); for languages that write the day period once: .SamePeriod, .Hour12a, .Minute1, .DayPeriod1, .Hour12b, .Minute2, .DayPeriod",
		Other:       "{{.Start}}–{{.End}}",
	}
	// A full date and a time: an event's start, before its zone's name (ICU writes
	// "lunes, 14 de septiembre de 2020, 14:00 hora estándar de Paraguay"), and the ends of a
	// multi-day timed event. CLDR's date-time formats are not in the date library.
	msgDateTime = &goi18n.Message{ID: "DateTime", Description: "CLDR date-time pattern (dateTimeFormat full, atTime): joins the full date .Date and the time .Time, as in Monday, September 14, 2020 at 2:00 PM", Other: "{{.Date}}, {{.Time}}"}
)

// Plural messages: Localizer.Count picks the CLDR form of the count.
var (
	InDays = &goi18n.Message{
		ID:          "InDays",
		Description: "Label of an upcoming event: how many days until its day",
		One:         "Dentro de {{.Count}} día",
		Many:        "Dentro de {{.Count}} de días",
		Other:       "Dentro de {{.Count}} días",
	}
	Today = &goi18n.Message{ID: "Today", Description: "Label of an upcoming event that takes place today", Other: "Hoy"}
)

// The standalone page and the snippet builder.
var (
	Install        = &goi18n.Message{ID: "Install", Description: "Button that installs the card as an app (standalone page only)", Other: "Instalar la aplicación"}
	UpdateReady    = &goi18n.Message{ID: "UpdateReady", Description: "Notice shown when a new version has been downloaded", Other: "Hay una versión nueva de esta página."}
	Reload         = &goi18n.Message{ID: "Reload", Description: "Button that reloads the page to use the new version", Other: "Recargar"}
	Share          = &goi18n.Message{ID: "Share", Description: "Button that shares the card's address", Other: "Compartir"}
	LinkCopied     = &goi18n.Message{ID: "LinkCopied", Description: "Confirmation after the address was copied", Other: "Enlace copiado"}
	AddToCalendar  = &goi18n.Message{ID: "AddToCalendar", Description: "Link to the event's calendar file (upcoming events)", Other: "Agregar a mi calendario"}
	Register       = &goi18n.Message{ID: "Register", Description: "Link to the event's registration form", Other: "Inscribirme"}
	RegisterUntil  = &goi18n.Message{ID: "RegisterUntil", Description: "Note beside the registration link: the last day (and time) to register", Other: "Inscripciones hasta el {{.Date}}"}
	JoinOnline     = &goi18n.Message{ID: "JoinOnline", Description: "Link to the online meeting, shown shortly before and during the event", Other: "Unirme en línea"}
	WatchRecording = &goi18n.Message{ID: "WatchRecording", Description: "Link to the recording of a past event (or to the page that publishes it)", Other: "Ver la grabación"}
	Directions     = &goi18n.Message{ID: "Directions", Description: "Link to a map site showing the venue", Other: "Cómo llegar"}
	YourTime       = &goi18n.Message{ID: "YourTime", Description: "The event's time in the visitor's own time zone, when it differs from the event's. {{.Time}} is the time the browser writes", Other: "En su hora: {{.Time}}"}
	FormerDate     = &goi18n.Message{ID: "FormerDate", Description: "Read before the struck-through former date of a rescheduled event", Other: "Fecha anterior:"}
	Where          = &goi18n.Message{ID: "Where", Description: "Label of the venue", Other: "Lugar"}
	EventsPast     = &goi18n.Message{ID: "EventsPast", Description: "Heading of the past events in the list of events", Other: "Eventos realizados"}
	EventsUpcoming = &goi18n.Message{ID: "EventsUpcoming", Description: "Heading of the upcoming events in the list of events", Other: "Próximos eventos"}

	// How to take part, and whether the event is still on: at the top of the card.
	AttendanceOnline   = &goi18n.Message{ID: "Attendance.online", Description: "An online event", Other: "En línea"}
	AttendanceInPerson = &goi18n.Message{ID: "Attendance.in-person", Description: "An event that takes place at a venue", Other: "Presencial"}
	AttendanceHybrid   = &goi18n.Message{ID: "Attendance.hybrid", Description: "An event at a venue that one can also follow online", Other: "Presencial y en línea"}
	StatusCancelled    = &goi18n.Message{ID: "Status.cancelled", Description: "An event that will not take place", Other: "Cancelado"}
	StatusPostponed    = &goi18n.Message{ID: "Status.postponed", Description: "An event postponed to a date not yet known", Other: "Aplazado: nueva fecha por anunciar"}
	StatusRescheduled  = &goi18n.Message{ID: "Status.rescheduled", Description: "An event moved to a new date (the new date is shown below)", Other: "Nueva fecha"}
	StatusMovedOnline  = &goi18n.Message{ID: "Status.moved-online", Description: "An event that was to take place at a venue and now takes place online only", Other: "Ahora solo en línea"}
	EventsIndex        = &goi18n.Message{ID: "EventsIndex", Description: "Heading of the list of events on the home page", Other: "Eventos"}

	// An event's texts not translated into the card's language yet are shown in the event's
	// own language, under this note (README, "Translations").
	UntranslatedNote = &goi18n.Message{ID: "Untranslated", Description: "Note on a card some of whose texts are not translated into this language yet and are shown in the event's own language instead. {{.Language}} is that language's name, in this language, as it follows the preposition (inglés, Spanish, espanhol, espagnol)", Other: "Algunos textos de este evento aún no están traducidos: se muestran en {{.Language}}."}

	BuilderTitle    = &goi18n.Message{ID: "BuilderTitle", Description: "Title of the page where partners make their embed code", Other: "Inserte una tarjeta de evento en su sitio"}
	BuilderIntro    = &goi18n.Message{ID: "BuilderIntro", Description: "Introduction of the snippet builder", Other: "Elija el evento y el aspecto de la tarjeta, copie el código y péguelo en su página, donde debe aparecer la tarjeta."}
	BuilderEvent    = &goi18n.Message{ID: "BuilderEvent", Description: "Label of the event choice", Other: "Evento"}
	BuilderLang     = &goi18n.Message{ID: "BuilderLang", Description: "Label of the card language choice", Other: "Idioma de la tarjeta"}
	BuilderAutoLang = &goi18n.Message{ID: "BuilderAutoLang", Description: "Card language option: the language of the partner's page or the visitor's", Other: "El de su página o el del visitante"}
	BuilderTheme    = &goi18n.Message{ID: "BuilderTheme", Description: "Label of the colour scheme choice", Other: "Colores"}
	ThemeAuto       = &goi18n.Message{ID: "ThemeAuto", Description: "Colour scheme option: follow the visitor's setting", Other: "Según el visitante (claro u oscuro)"}
	ThemeLight      = &goi18n.Message{ID: "ThemeLight", Description: "Colour scheme option", Other: "Claro"}
	ThemeDark       = &goi18n.Message{ID: "ThemeDark", Description: "Colour scheme option", Other: "Oscuro"}
	BuilderAccent   = &goi18n.Message{ID: "BuilderAccent", Description: "Label of the accent colour choice", Other: "Color de acento"}
	ThemeHost       = &goi18n.Message{ID: "ThemeHost", Description: "Colour scheme option: light or dark after the partner page's background", Other: "Según su página (claro u oscuro)"}
	AccentReadable  = &goi18n.Message{ID: "AccentReadable", Description: "The builder's verdict: the chosen accent colour keeps enough contrast on the card", Other: "Este color se lee bien en la tarjeta."}
	AccentLowLight  = &goi18n.Message{ID: "AccentLowLight", Description: "The builder's verdict: the chosen accent colour has too little contrast on the light card, which then keeps its own", Other: "Este color se lee mal en la tarjeta clara: allí la tarjeta usa su propio color."}
	AccentLowDark   = &goi18n.Message{ID: "AccentLowDark", Description: "The builder's verdict: the chosen accent colour has too little contrast on the dark card, which then keeps its own", Other: "Este color se lee mal en la tarjeta oscura: allí la tarjeta usa su propio color."}
	BuilderCompact  = &goi18n.Message{ID: "BuilderCompact", Description: "Label of the compact option", Other: "Tarjeta compacta (más baja; el resto tras «Ver toda la tarjeta»)"}
	BuilderSnippet  = &goi18n.Message{ID: "BuilderSnippet", Description: "Heading of the code to paste", Other: "Código para su página"}
	BuilderCSP      = &goi18n.Message{ID: "BuilderCSP", Description: "Heading of the Content-Security-Policy lines", Other: "Si su página tiene una política de seguridad de contenido (CSP), agregue:"}
	BuilderPreview  = &goi18n.Message{ID: "BuilderPreview", Description: "Heading of the live preview", Other: "Vista previa"}
	Copy            = &goi18n.Message{ID: "Copy", Description: "Button that copies a text", Other: "Copiar"}
	Copied          = &goi18n.Message{ID: "Copied", Description: "Confirmation after copying", Other: "Copiado"}
)

// The installed app (the web app manifest) and what the server writes in a page's head for
// search engines and social networks (see server/head.go).
var (
	OGLocale = &goi18n.Message{ID: "OGLocale", Description: "Not a text: this language's Open Graph locale (og:locale), language_TERRITORY as Facebook lists them, e.g. en_US, pt_BR, fr_FR", Other: "es_LA"}
)
