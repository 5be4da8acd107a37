package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Date is a publication date with where it came from.
type Date struct {
	Time time.Time
	// Source names where the date was read ("json-ld datePublished", "text 'Ngày đăng'" …).
	Source string
	// Raw is the text it was read from.
	Raw string
	// DayOnly is set when the source carried no time of day.
	DayOnly bool
}

// IsZero reports whether no date was found.
func (d Date) IsZero() bool { return d.Time.IsZero() }

var isoLayoutsTZ = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04Z0700",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z0700", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 Z07:00",
	"2006-01-02T15:04:05.999999999Z0700",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 02 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700", "02 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 Z", time.RFC850, time.ANSIC,
	"Mon, 02 Jan 2006 15:04:05 -07:00", "Mon, 2 January 2006 15:04:05 -0700",
}

var isoLayoutsLocal = []string{
	"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006-01-02", "2006/01/02 15:04:05", "2006/01/02", "Mon, 2 Jan 2006 15:04:05", "Mon, 02 Jan 2006", "2 Jan 2006", "January 2, 2006", "Jan 2, 2006",
	"20060102",
}

// ParseMachineDate parses a machine-readable date (ISO 8601, RFC 822/1123 as
// in feeds). A date without a zone is local time in loc, never UTC.
func ParseMachineDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range isoLayoutsTZ {
		if t, err := time.Parse(l, s); err == nil {
			if l == time.RFC1123 || l == "Mon, 2 Jan 2006 15:04:05 MST" || l == time.RFC850 {
				// Named zones other than UTC/GMT parse with a zero offset: treat them as local.
				if name, off := t.Zone(); off == 0 && name != "UTC" && name != "GMT" && name != "Z" {
					t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
				}
			}
			return t, true
		}
	}
	for _, l := range isoLayoutsLocal {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return looseISO(s, loc)
}

// reLooseISO is an ISO 8601 date and time the strict layouts refuse: a
// fraction after a colon (22:06:08:684Z) or a zone by its name
// (16:02:50CDT), as some CMSs write them in JSON-LD.
var reLooseISO = regexp.MustCompile(`^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?(?:[.,:]\d{1,9})?\s*(Z|[+-]\d\d:?\d\d|[A-Z]{3,4})?$`)

// zoneOffsets are the offsets (hours) of zone names that stand for one
// offset only; a name not here (CST, IST: more than one) reads as local.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
	"ICT": 7, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
	"EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

// looseISO reads what reLooseISO matches: a named zone of zoneOffsets by
// its offset, another name as local time in loc.
func looseISO(s string, loc *time.Location) (time.Time, bool) {
	m := reLooseISO.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	zone := loc
	switch z := m[7]; {
	case z == "Z":
		zone = time.UTC
	case z != "" && (z[0] == '+' || z[0] == '-'):
		d := strings.ReplaceAll(z[1:], ":", "")
		h, _ := strconv.Atoi(d[:2])
		mi, _ := strconv.Atoi(d[2:])
		off := h*3600 + mi*60
		if z[0] == '-' {
			off = -off
		}
		zone = time.FixedZone("", off)
	case z != "":
		if h, ok := zoneOffsets[z]; ok {
			zone = time.FixedZone(z, h*3600)
		}
	}
	t := time.Date(n(1), time.Month(n(2)), n(3), n(4), n(5), n(6), 0, zone)
	if t.Day() != n(3) || n(4) > 23 || n(5) > 59 || n(6) > 59 {
		return time.Time{}, false
	}
	return t, true
}

// Text dates. Numeric dates are day first (Vietnamese, European); month
// first only when the first number cannot be a month's day of that order
// (11/25/2026). Month names are read in the languages listed in monthNames.
var (
	reDMY = regexp.MustCompile(`(?i)(?:^|[^\d])(\d{1,2})\s*([/\-.])\s*(\d{1,2})\s*([/\-.])\s*(\d{4})(?:[^\d]|$)`)
	// reDMYShort is d.m.yy or d/m/yy (no digit or dot before, no digit after).
	reDMYShort = regexp.MustCompile(`(?:^|[^\d.,])(\d{1,2})([/.])(\d{1,2})([/.])(\d{2})(?:[^\d]|$)`)
	reYMD      = regexp.MustCompile(`(?:^|[^\d])(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[^\d]|$)`)
	reCJK      = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reDMonY    = regexp.MustCompile(`(?i)(?:^|[^\d])(\d{1,2})(?:\.|st|nd|rd|th|er)?\s*(?:de\s+|of\s+)?(` + monthAlt + `)(?:\.|\s|,)\s*,?\s*(?:de\s+)?(\d{4})(?:[^\d]|$)`)
	reMonDY    = regexp.MustCompile(`(?i)(?:^|[^\pL])(` + monthAlt + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})(?:[^\d]|$)`)
	reNgay     = regexp.MustCompile(`(?i)(?:ngày\s*)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm|/|-)?\s*(?:năm\s*)?(\d{4})`)
	reTime     = regexp.MustCompile(`(?i)(?:^|[^\d/])([01]?\d|2[0-3])\s*(?::|h|giờ)\s*([0-5]\d)(?:\s*(?::|phút)\s*([0-5]\d))?(?:\s*(?:phút|'))?`)
	reAMPM     = regexp.MustCompile(`(?i)\b(AM|PM|SA|CH|sáng|chiều|tối)\b`)
	reRelNum   = regexp.MustCompile(`(?i)(\d+)\s*(giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s*(?:trước|qua)`)
	reRelWord  = regexp.MustCompile(`(?i)(hôm qua|hôm kia|hôm nay|vừa xong|mới đây)`)
)

// reWeekDMY is a weekday's name over a day, a month and a year set apart
// by spaces alone ("thứ năm, 17 08 2017"): the weekday makes the three
// numbers a date.
var reWeekDMY = regexp.MustCompile(`(?i)(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật)\s*[,\-–]?\s*(\d{1,2})\s+(\d{1,2})\s+(\d{4})(?:[^\d]|$)`)

// ParseTextDate finds a Vietnamese (or numeric) date in free text such as
// "Thứ hai - 25/11/2026 08:30", "ngày 25 tháng 11 năm 2026",
// "Cập nhật lúc 08:30 25/11/2026" or "25-11-2026", and the relative forms
// "3 giờ trước" and "hôm qua" against now. Dates with month names in the
// languages of monthNames ("25 November 2026", "November 25, 2026",
// "25. Nov. 2026", "15 de abril de 2020"), "2026/11/25" and "2026年11月25日"
// are read too. It returns the first date in text.
func ParseTextDate(text string, loc *time.Location, now time.Time) (time.Time, string, bool) {
	return ParseTextDateOrder(text, loc, now, DayFirst)
}

// ParseTextDateOrder is ParseTextDate reading numeric dates whose first two
// fields could each be the day (03-08-2011) in the order o; a field above
// 12 decides by itself.
func ParseTextDateOrder(text string, loc *time.Location, now time.Time, o Order) (time.Time, string, bool) {
	return parseText(text, loc, now, o, false)
}

// parseText is ParseTextDateOrder, also reading numeric dates with a
// two-digit year (25.11.26, 8/5/12) when short is set: the year is the
// latest of 19yy and 20yy that is not after now.
func parseText(text string, loc *time.Location, now time.Time, o Order, short bool) (time.Time, string, bool) {
	// Every absolute date has a year of four digits (two with short):
	// text without such a run of digits holds at most a relative date,
	// and the date patterns need not run over it.
	run, longest := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	if longest < 4 && !(short && longest >= 2) {
		if longest == 0 && !mayBeRelative(text) {
			return time.Time{}, "", false
		}
		return parseRelative(strings.Join(strings.Fields(text), " "), now.In(loc))
	}
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return time.Time{}, "", false
	}
	type hit struct {
		pos     int
		y, m, d int
		end     int
	}
	var best *hit
	consider := func(h hit) {
		if h.m < 1 || h.m > 12 || h.d < 1 || h.d > 31 || h.y < 1990 || h.y > 2100 {
			return
		}
		if best == nil || h.pos < best.pos {
			hh := h
			best = &hh
		}
	}
	for _, m := range reDMY.FindAllStringSubmatchIndex(text, 3) {
		if text[m[4]:m[5]] != text[m[8]:m[9]] {
			continue // 25/11-2026 is no date
		}
		d, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[6]:m[7]])
		y, _ := strconv.Atoi(text[m[10]:m[11]])
		switch {
		case mo > 12 && d <= 12:
			d, mo = mo, d // month first, whatever the site's order: 11/25/2026
		case o == MonthFirst && d <= 12 && mo <= 12:
			d, mo = mo, d
		}
		consider(hit{pos: m[2], y: y, m: mo, d: d, end: m[11]})
	}
	if short {
		for _, m := range reDMYShort.FindAllStringSubmatchIndex(text, 3) {
			if text[m[4]:m[5]] != text[m[8]:m[9]] || m[11] < len(text) && text[m[11]] == '.' && m[11]+1 < len(text) && text[m[11]+1] >= '0' && text[m[11]+1] <= '9' {
				continue // 25/11.26 is no date, 1.2.10.5 a version
			}
			d, _ := strconv.Atoi(text[m[2]:m[3]])
			mo, _ := strconv.Atoi(text[m[6]:m[7]])
			y, _ := strconv.Atoi(text[m[10]:m[11]])
			if y += 2000; y > now.Year() {
				y -= 100
			}
			switch {
			case mo > 12 && d <= 12:
				d, mo = mo, d
			case o == MonthFirst && d <= 12 && mo <= 12:
				d, mo = mo, d
			}
			consider(hit{pos: m[2], y: y, m: mo, d: d, end: m[11]})
		}
	}
	for _, m := range reYMD.FindAllStringSubmatchIndex(text, 3) {
		if text[m[4]:m[5]] != text[m[8]:m[9]] {
			continue
		}
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[6]:m[7]])
		d, _ := strconv.Atoi(text[m[10]:m[11]])
		consider(hit{pos: m[2], y: y, m: mo, d: d, end: m[11]})
	}
	for _, m := range cjkMatches(text) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		d, _ := strconv.Atoi(text[m[6]:m[7]])
		consider(hit{pos: m[2], y: y, m: mo, d: d, end: m[1]})
	}
	if hasLetters(text) && hasMonthName(text) {
		for _, m := range reDMonY.FindAllStringSubmatchIndex(text, 3) {
			d, _ := strconv.Atoi(text[m[2]:m[3]])
			y, _ := strconv.Atoi(text[m[6]:m[7]])
			consider(hit{pos: m[2], y: y, m: monthNames[strings.ToLower(text[m[4]:m[5]])], d: d, end: m[7]})
		}
		for _, m := range reMonDY.FindAllStringSubmatchIndex(text, 3) {
			d, _ := strconv.Atoi(text[m[4]:m[5]])
			y, _ := strconv.Atoi(text[m[6]:m[7]])
			consider(hit{pos: m[2], y: y, m: monthNames[strings.ToLower(text[m[2]:m[3]])], d: d, end: m[7]})
		}
	}
	if hasLetters(text) {
		for _, m := range reWeekDMY.FindAllStringSubmatchIndex(text, 3) {
			d, _ := strconv.Atoi(text[m[2]:m[3]])
			mo, _ := strconv.Atoi(text[m[4]:m[5]])
			y, _ := strconv.Atoi(text[m[6]:m[7]])
			consider(hit{pos: m[2], y: y, m: mo, d: d, end: m[7]})
		}
	}
	for _, m := range ngayMatches(text) {
		d, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		y, _ := strconv.Atoi(text[m[6]:m[7]])
		consider(hit{pos: m[0], y: y, m: mo, d: d, end: m[7]})
	}
	if best == nil {
		if t, raw, ok := parseRelative(text, now.In(loc)); ok {
			return t, raw, true
		}
		return time.Time{}, "", false
	}
	// Time of day: the nearest hh:mm before or after the date, within a short distance.
	hour, minute, sec := 0, 0, 0
	start, end := best.pos, best.end
	window := text[max(0, best.pos-24):min(len(text), best.end+24)]
	off := max(0, best.pos-24)
	bestDist := 1 << 30
	for _, m := range reTime.FindAllStringSubmatchIndex(window, -1) {
		p := m[2] + off
		if p >= best.pos && p < best.end {
			continue
		}
		dist := p - best.end
		if p < best.pos {
			dist = best.pos - (m[1] + off)
		}
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			bestDist = dist
			hour, _ = strconv.Atoi(window[m[2]:m[3]])
			minute, _ = strconv.Atoi(window[m[4]:m[5]])
			if m[6] >= 0 {
				sec, _ = strconv.Atoi(window[m[6]:m[7]])
			}
			if p < start {
				start = p
			}
			if m[1]+off > end {
				end = m[1] + off
			}
			if ap := reAMPM.FindString(text[m[1]+off : min(len(text), m[1]+off+6)]); ap != "" {
				switch strings.ToLower(ap) {
				case "pm", "ch", "chiều", "tối":
					if hour < 12 {
						hour += 12
					}
				case "am", "sa", "sáng":
					if hour == 12 {
						hour = 0
					}
				}
			}
		}
	}
	t := time.Date(best.y, time.Month(best.m), best.d, hour, minute, sec, 0, loc)
	if t.Day() != best.d { // 31/02 and friends
		return time.Time{}, "", false
	}
	return t, strings.TrimSpace(text[start:end]), true
}

// monthNames maps month names and their usual abbreviations in English,
// German, French, Spanish, Italian, Dutch and Portuguese (lower case, NFC)
// to month numbers. Abbreviations that are ordinary words of another
// language ("out", "set", "ago") are left out.
var monthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"january jan januar jänner jän janvier janv enero ene gennaio januari janeiro",
		"february feb februar feber février fevrier févr fevr febrero febbraio februari fevereiro fev",
		"march mar märz mär mrz mars marzo maart mrt março",
		"april apr avril avr abril aprile",
		"may mai mayo maggio mei maio",
		"june jun juni juin junio giugno junho",
		"july jul juli juillet juil julio luglio julho",
		"august aug août aout agosto augustus",
		"september sep sept septembre septiembre setiembre settembre setembro",
		"october oct oktober okt octobre octubre ottobre outubro",
		"november nov novembre noviembre novembro",
		"december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	// Genitive and plain forms of Russian, Ukrainian, Polish, Romanian,
	// Turkish and Arabic month names, as dates write them ("15 августа 2016").
	for i, names := range [12]string{
		"января январь січня stycznia ianuarie ocak يناير",
		"февраля февраль лютого lutego februarie şubat فبراير",
		"марта март березня marca martie mart مارس",
		"апреля апрель квітня kwietnia aprilie nisan أبريل إبريل",
		"мая май травня maja mayıs مايو",
		"июня июнь червня czerwca iunie haziran يونيو",
		"июля июль липня lipca iulie temmuz يوليو",
		"августа август серпня sierpnia ağustos أغسطس",
		"сентября сентябрь вересня września septembrie eylül سبتمبر",
		"октября октябрь жовтня października octombrie ekim أكتوبر",
		"ноября ноябрь листопада listopada noiembrie kasım نوفمبر",
		"декабря декабрь грудня grudnia decembrie aralık ديسمبر",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// monthAlt is the regexp alternation of monthNames, longest names first.
var monthAlt = func() string {
	names := make([]string, 0, len(monthNames))
	for n := range monthNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return strings.Join(names, "|")
}()

// hasMonthName reports whether a word of s (a run of letters, lower
// cased) is a month name of monthNames: the month-name patterns, a long
// case-folded alternation, cost more than the rest of a page's date
// reading and run only then.
func hasMonthName(s string) bool {
	start := -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := s[start:i]; len(w) >= 3 && len(w) <= 24 {
				if _, ok := monthNames[strings.ToLower(w)]; ok {
					return true
				}
			}
			start = -1
		}
	}
	return false
}

// ngayMatches are reNgay's matches in text, which all hold "tháng".
func ngayMatches(text string) [][]int {
	if !strings.Contains(text, "háng") && !strings.Contains(text, "HÁNG") {
		return nil
	}
	return reNgay.FindAllStringSubmatchIndex(text, 3)
}

// hasLetters reports whether s has an ASCII or Latin-1 letter, to skip the
// month-name patterns on purely numeric text.
func hasLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c >= 'a' && c <= 'z' || s[i] >= 0xC3 {
			return true
		}
	}
	return false
}

// mayBeRelative reports whether text may hold one of the relative words
// of reRelWord ("hôm qua", "vừa xong", "mới đây"): a cheap test before
// the regexp, on text without digits.
func mayBeRelative(text string) bool {
	return strings.Contains(text, "ôm") || strings.Contains(text, "ÔM") || strings.Contains(text, "ừa") || strings.Contains(text, "ỪA") || strings.Contains(text, "ới") || strings.Contains(text, "ỚI")
}

// cjkMatches are reCJK's matches in text, which all hold 年.
func cjkMatches(text string) [][]int {
	if !strings.Contains(text, "年") {
		return nil
	}
	return reCJK.FindAllStringSubmatchIndex(text, 3)
}

func parseRelative(text string, now time.Time) (time.Time, string, bool) {
	// reRelNum's matches all end in "trước" or "qua", reRelWord's hold
	// one of mayBeRelative's letters: most text holds neither.
	if (strings.Contains(text, "ước") || strings.Contains(text, "ƯỚC") || strings.Contains(text, "ua") || strings.Contains(text, "UA")) && strings.ContainsAny(text, "0123456789") {
		if m := reRelNum.FindStringSubmatch(text); m != nil {
			return relNum(m, now)
		}
	}
	if !mayBeRelative(text) {
		return time.Time{}, "", false
	}
	return relWord(text, now)
}

// relNum is the time a reRelNum match says ("3 giờ trước").
func relNum(m []string, now time.Time) (time.Time, string, bool) {
	n, _ := strconv.Atoi(m[1])
	var d time.Duration
	switch strings.ToLower(m[2]) {
	case "giây":
		d = time.Duration(n) * time.Second
	case "phút":
		d = time.Duration(n) * time.Minute
	case "giờ", "tiếng":
		d = time.Duration(n) * time.Hour
	case "ngày":
		return now.AddDate(0, 0, -n), m[0], true
	case "tuần":
		return now.AddDate(0, 0, -7*n), m[0], true
	case "tháng":
		return now.AddDate(0, -n, 0), m[0], true
	case "năm":
		return now.AddDate(-n, 0, 0), m[0], true
	}
	return now.Add(-d), m[0], true
}

// relWord is the time a relative word says ("hôm qua").
func relWord(text string, now time.Time) (time.Time, string, bool) {
	m := reRelWord.FindString(text)
	if m == "" {
		return time.Time{}, "", false
	}
	switch strings.ToLower(m) {
	case "hôm qua":
		return now.AddDate(0, 0, -1), m, true
	case "hôm kia":
		return now.AddDate(0, 0, -2), m, true
	default:
		return now, m, true
	}
}

// plausible rejects future and absurd dates.
func Plausible(t, now time.Time) bool {
	return !t.IsZero() && t.Year() >= 1995 && !t.After(now.Add(36*time.Hour))
}

var reURLDate = regexp.MustCompile(`/((?:19|20)\d{2})[/\-_]?(0[1-9]|1[0-2])(?:[/\-_]?(0[1-9]|[12]\d|3[01]))?(?:/|[^\d])`)

// URLDate finds a date in a URL path (/2026/11/25/slug, /2026/11/slug.html).
func URLDate(path string, loc *time.Location) (time.Time, bool, bool) {
	m := reURLDate.FindStringSubmatch(path)
	if m == nil {
		return time.Time{}, false, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d := 1
	dayKnown := m[3] != ""
	if dayKnown {
		d, _ = strconv.Atoi(m[3])
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc), dayKnown, true
}
