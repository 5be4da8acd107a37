package crawler

import (
	"time"

	"sitewatch/crawler/extract"
)

// siteDates reads dates beside links in the unit's zone (discover.Dates).
// The pages of one site repeat their menus, boxes and rows, so a text is
// parsed once per crawl: the answer depends on the text alone (zone and
// present are the crawl's).
type siteDates struct {
	loc  *time.Location
	now  time.Time
	memo map[string]textDate
}

// textDate is what siteDates.Text answered for a text.
type textDate struct {
	t   time.Time
	raw string
	ok  bool
}

// Bounds of the texts siteDates remembers per crawl: a session holds at
// most maxDateTexts of at most maxDateTextBytes each (longer ones are
// parsed every time).
const (
	maxDateTexts     = 2048
	maxDateTextBytes = 160
)

// linkDates returns the session's date reader for links.
func (s *session) linkDates() *siteDates {
	if s.dates == nil {
		s.dates = &siteDates{loc: s.c.o.Location, now: s.now, memo: map[string]textDate{}}
	}
	return s.dates
}

func (d *siteDates) Text(text string) (time.Time, string, bool) {
	if r, ok := d.memo[text]; ok {
		return r.t, r.raw, r.ok
	}
	var r textDate
	if t, raw, ok := extract.ParseTextDate(text, d.loc, d.now); ok && extract.Plausible(t, d.now) {
		r = textDate{t, raw, true}
	}
	if len(text) <= maxDateTextBytes && len(d.memo) < maxDateTexts {
		d.memo[text] = r
	}
	return r.t, r.raw, r.ok
}

func (d *siteDates) Machine(v string) (time.Time, bool) {
	t, ok := extract.ParseMachineDate(v, d.loc)
	return t, ok && extract.Plausible(t, d.now)
}
