package extract

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"sitewatch/vntext"
)

// Order is the order of day and month in a site's numeric dates.
type Order int

const (
	// DayFirst reads 03-08-2011 as 3 August 2011 (dd/mm/yyyy, the
	// Vietnamese order). It is the zero value: with no evidence, day first.
	DayFirst Order = iota
	// MonthFirst reads 03-08-2011 as 8 March 2011 (m/d/yyyy, CMSs running
	// with US culture, such as some DotNetNuke and Drupal sites).
	MonthFirst
)

// String names the order.
func (o Order) String() string {
	if o == MonthFirst {
		return "month-first"
	}
	return "day-first"
}

// OrderVotes count evidence about the order of numeric dates: dates with a
// field above 12, weekday names that only one reading matches, and
// agreement with the machine dates (meta, JSON-LD, time elements, URL) of
// the same page.
type OrderVotes struct {
	DayFirst, MonthFirst int
}

// Add returns the sum of v and w.
func (v OrderVotes) Add(w OrderVotes) OrderVotes {
	return OrderVotes{DayFirst: v.DayFirst + w.DayFirst, MonthFirst: v.MonthFirst + w.MonthFirst}
}

// Order is the order the votes say: month first only when more votes say
// so than day first.
func (v OrderVotes) Order() Order {
	if v.MonthFirst > v.DayFirst {
		return MonthFirst
	}
	return DayFirst
}

// DateOrder learns one site's date order from the votes of its pages
// (Page.OrderVotes). The zero value is ready to use and says day first.
// It is safe for concurrent use. To keep it across crawls, store Votes and
// start again with NewDateOrder.
type DateOrder struct {
	mu    sync.Mutex
	votes OrderVotes
}

// NewDateOrder returns a learner that starts from stored votes.
func NewDateOrder(v OrderVotes) *DateOrder { return &DateOrder{votes: v} }

// Observe adds one page's votes.
func (d *DateOrder) Observe(v OrderVotes) {
	d.mu.Lock()
	d.votes = d.votes.Add(v)
	d.mu.Unlock()
}

// Votes are the votes observed so far.
func (d *DateOrder) Votes() OrderVotes {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.votes
}

// Order is the site's order by its votes (Options.Order).
func (d *DateOrder) Order() Order { return d.Votes().Order() }

// maxVoteDates bounds the numeric dates a page's votes are read from.
const maxVoteDates = 200

// reWeekday is a weekday name just before a date ("Thứ Ba, 03/08/2011",
// "T3 03/08/2011", "Tuesday, 03/08/2011").
var reWeekday = regexp.MustCompile(`(?i)(thứ\s*(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s*nhật|\bt[2-7]\b|\bcn\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\b(?:mon|tue|wed|thu|fri|sat|sun)\b)[\s,.\-–|]*$`)

// weekdays maps folded weekday names to time.Weekday.
var weekdays = map[string]time.Weekday{
	"thu hai": time.Monday, "thu 2": time.Monday, "t2": time.Monday, "monday": time.Monday, "mon": time.Monday,
	"thu ba": time.Tuesday, "thu 3": time.Tuesday, "t3": time.Tuesday, "tuesday": time.Tuesday, "tue": time.Tuesday,
	"thu tu": time.Wednesday, "thu 4": time.Wednesday, "t4": time.Wednesday, "wednesday": time.Wednesday, "wed": time.Wednesday,
	"thu nam": time.Thursday, "thu 5": time.Thursday, "t5": time.Thursday, "thursday": time.Thursday, "thu": time.Thursday,
	"thu sau": time.Friday, "thu 6": time.Friday, "t6": time.Friday, "friday": time.Friday, "fri": time.Friday,
	"thu bay": time.Saturday, "thu 7": time.Saturday, "t7": time.Saturday, "saturday": time.Saturday, "sat": time.Saturday,
	"chu nhat": time.Sunday, "cn": time.Sunday, "sunday": time.Sunday, "sun": time.Sunday,
}

// pageVotes reads what a page says about the order of numeric dates: in
// its visible text, dates with a field above 12 and weekday names; against
// its machine dates, the reading that falls on the same day.
func pageVotes(doc *goquery.Document, o Options) OrderVotes {
	var v OrderVotes
	if o.own.ix.body == nil {
		return v
	}
	text := visibleTextOf(o.own.ix.body)
	var machine map[string]bool // read when a date needs it
	for _, nd := range numericDates(text, maxVoteDates) {
		a, b, y, start := nd.a, nd.b, nd.y, nd.start
		switch {
		case a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12):
			continue
		case a > 12:
			v.DayFirst++
			continue
		case b > 12:
			v.MonthFirst++
			continue
		case a == b:
			continue
		}
		dayFirst := time.Date(y, time.Month(b), a, 0, 0, 0, 0, o.Location)
		monthFirst := time.Date(y, time.Month(a), b, 0, 0, 0, 0, o.Location)
		if w := reWeekday.FindStringSubmatch(text[max(0, start-24):start]); w != nil {
			if wd, ok := weekdays[strings.Join(strings.Fields(vntext.Fold(w[1])), " ")]; ok {
				switch {
				case dayFirst.Weekday() == wd && monthFirst.Weekday() != wd:
					v.DayFirst++
				case monthFirst.Weekday() == wd && dayFirst.Weekday() != wd:
					v.MonthFirst++
				}
			}
		}
		if machine == nil {
			machine = machineDays(doc, o)
		}
		switch {
		case machine[dayFirst.Format(time.DateOnly)] && !machine[monthFirst.Format(time.DateOnly)]:
			v.DayFirst++
		case machine[monthFirst.Format(time.DateOnly)] && !machine[dayFirst.Format(time.DateOnly)]:
			v.MonthFirst++
		}
	}
	return v
}

// machineDays are the days (in o.Location) of the page's machine-readable
// dates: meta elements, JSON-LD and time elements.
func machineDays(doc *goquery.Document, o Options) map[string]bool {
	days := map[string]bool{}
	addT := func(raw string) {
		if t, ok := ParseMachineDate(raw, o.Location); ok {
			days[t.In(o.Location).Format(time.DateOnly)] = true
		}
	}
	pub, mod := o.own.metaDates()
	for _, m := range append(pub, mod...) {
		addT(m.value)
	}
	ld := o.own.jsonLD()
	for _, s := range []string{ld.published, ld.modified, ld.created} {
		addT(s)
	}
	for _, n := range o.own.ix.times {
		v, _ := attrOK(n, "datetime")
		addT(v)
	}
	return days
}

// visibleTextOf is the text below n outside scripts and styles, with runs
// of white space folded.
func visibleTextOf(n *html.Node) string {
	var f folder
	var rec func(*html.Node)
	rec = func(c *html.Node) {
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			switch d.Type {
			case html.TextNode:
				f.write(d.Data, -1)
				f.split()
			case html.ElementNode:
				if !skipTags[d.Data] {
					rec(d)
				}
			}
		}
	}
	rec(n)
	return f.b.String()
}

// pageOrder is the order to read the page's dates in: the page's own
// evidence when it has some, else the site's (o.Order).
func pageOrder(v OrderVotes, site Order) Order {
	if v.DayFirst == v.MonthFirst {
		return site
	}
	return v.Order()
}

// numericDate is a date a<sep>b<sep>yyyy found in text at start.
type numericDate struct{ a, b, y, start int }

// numericDates finds up to limit dates written d/m/yyyy or m/d/yyyy (with
// the same separator / - or . twice, one or two digits, no digit around),
// scanning text once: a regexp over a whole page costs more than the rest
// of the page's reading.
func numericDates(text string, limit int) []numericDate {
	var out []numericDate
	isDigit := func(i int) bool { return i >= 0 && i < len(text) && text[i] >= '0' && text[i] <= '9' }
	// digits reads a run of digits at i: its value and end.
	digits := func(i int) (int, int) {
		v, j := 0, i
		for j < len(text) && text[j] >= '0' && text[j] <= '9' && j-i < 5 {
			v = v*10 + int(text[j]-'0')
			j++
		}
		return v, j
	}
	for i := 0; i < len(text) && len(out) < limit; i++ {
		if !isDigit(i) || isDigit(i-1) {
			continue
		}
		a, j := digits(i)
		if j-i > 2 || j >= len(text) {
			i = j
			continue
		}
		sep := text[j]
		if sep != '/' && sep != '-' && sep != '.' {
			i = j
			continue
		}
		b, k := digits(j + 1)
		if k-(j+1) < 1 || k-(j+1) > 2 || k >= len(text) || text[k] != sep {
			continue
		}
		y, e := digits(k + 1)
		if e-(k+1) != 4 || isDigit(e) {
			continue
		}
		out = append(out, numericDate{a: a, b: b, y: y, start: i})
		i = e - 1
	}
	return out
}
