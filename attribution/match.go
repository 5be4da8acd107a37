package attribution

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Unit is a unit that may have sent a post.
type Unit struct {
	ID   string
	Name string
	// Aliases are other names the unit signs with.
	Aliases []string
	// URL is the unit's website; a source line naming its host names the unit.
	URL string
}

// pattern is one way of writing a unit's name, as normalized tokens.
type pattern struct {
	toks []string
	unit int
	// typeOnly patterns are a bare unit type ("Sở GD&ĐT") that only one unit
	// of the registry carries first: they must not be followed by a name.
	typeOnly bool
}

// Matcher finds the units named in a line. It is built once from the
// registry and is safe for concurrent use.
type Matcher struct {
	units []Unit
	self  int
	// byFirst indexes the patterns by their first token.
	byFirst map[string][]pattern
	hosts   map[string]int
	// words are the tokens of each unit's full name.
	words []map[string]bool
}

// NewMatcher compiles the names and aliases of units. self is the id of the
// portal's own unit: "Ban biên tập" and "BBT" name it ("" when none).
func NewMatcher(units []Unit, self string) *Matcher {
	m := &Matcher{units: units, self: -1, byFirst: map[string][]pattern{}, hosts: map[string]int{}}
	var pats []pattern
	primary := map[string][]int{}
	for i, u := range units {
		if u.ID == self {
			m.self = i
		}
		full := tokenize(u.Name)
		ws := map[string]bool{}
		for _, t := range full {
			ws[t.w] = true
		}
		m.words = append(m.words, ws)
		for _, v := range variants(full) {
			pats = append(pats, pattern{toks: v, unit: i})
		}
		if d := firstDesig(full); d != "" {
			primary[d] = append(primary[d], i)
		}
		for _, a := range u.Aliases {
			if t := aliasToks(tokenize(a)); len(t) > 0 {
				pats = append(pats, pattern{toks: t, unit: i})
			}
		}
		if h := host(u.URL); h != "" {
			m.hosts[h] = i
		}
	}
	for d, us := range primary {
		if len(us) == 1 {
			pats = append(pats, pattern{toks: []string{d}, unit: us[0], typeOnly: true})
		}
	}
	// A way of writing that two units share names neither.
	owners := map[string]map[int]bool{}
	for _, p := range pats {
		k := strings.Join(p.toks, " ")
		if owners[k] == nil {
			owners[k] = map[int]bool{}
		}
		owners[k][p.unit] = true
	}
	seen := map[string]bool{}
	for _, p := range pats {
		k := strings.Join(p.toks, " ")
		if len(owners[k]) > 1 || seen[k] {
			continue
		}
		seen[k] = true
		m.byFirst[p.toks[0]] = append(m.byFirst[p.toks[0]], p)
	}
	if m.self >= 0 {
		m.byFirst["bbt"] = append(m.byFirst["bbt"], pattern{toks: []string{"bbt"}, unit: m.self})
	}
	return m
}

// firstDesig is the first unit type of a name.
func firstDesig(ts []token) string {
	for _, t := range ts {
		if t.kind == kDesig {
			return t.w
		}
	}
	return ""
}

// variants are the ways a name may be written: in full with "Trường",
// places (huyện, TP.) and "và" between types left out; its head before a
// " - " (Phòng GDTrH - Sở GD&ĐT …); with its first type only (PT DTNT THCS
// và THPT Đắk Glong → PT DTNT Đắk Glong). Each has a type and a name.
func variants(full []token) [][]string {
	base := func(ts []token) []string {
		var words, all []string
		for i, t := range ts {
			switch {
			case t.kind == kOpt && i == 0:
				continue
			case t.kind == kConn && i > 0 && i+1 < len(ts) && ts[i-1].kind == kDesig && ts[i+1].kind == kDesig:
				continue
			}
			all = append(all, t.w)
			if t.kind != kPlace {
				words = append(words, t.w)
			}
		}
		if !hasName(words) {
			// "Trung tâm GDNN-GDTX tỉnh": the place is all the name it has.
			return all
		}
		return words
	}
	var out [][]string
	add := func(v []string) {
		if hasDesig(v) && hasName(v) {
			out = append(out, v)
		}
	}
	add(base(full))
	for i, t := range full {
		if i > 0 && t.brk {
			add(base(full[:i]))
			break
		}
	}
	var first []token
	seenDesig := false
	for i, t := range full {
		if seenDesig && (t.kind == kDesig || t.kind == kConn) && i > 0 && (full[i-1].kind == kDesig || full[i-1].kind == kConn) {
			continue // a further type, or the "và" before it
		}
		if t.kind == kDesig {
			seenDesig = true
		}
		first = append(first, t)
	}
	if len(first) < len(full) {
		add(base(first))
	}
	return out
}

func hasDesig(v []string) bool {
	for _, w := range v {
		if isDesig(w) {
			return true
		}
	}
	return false
}

func hasName(v []string) bool {
	for _, w := range v {
		if !isDesig(w) && w != "va" {
			return true
		}
	}
	return false
}

// aliasToks is an alias as written, without a leading "Trường".
func aliasToks(ts []token) []string {
	var out []string
	for i, t := range ts {
		if t.kind == kOpt && i == 0 {
			continue
		}
		out = append(out, t.w)
	}
	return out
}

// host is the host name of raw without "www.", lower-cased.
func host(raw string) string {
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// hit is one unit named in a line, over tokens [from, to).
type hit struct {
	unit, from, to, size int
	toks                 []string
}

// find returns the units named in ts, longest first, without overlaps.
func (m *Matcher) find(ts []token) []hit {
	var hits []hit
	for i := range ts {
		for _, p := range m.byFirst[ts[i].w] {
			if end, ok := m.matchAt(ts, i, p); ok {
				hits = append(hits, hit{unit: p.unit, from: i, to: end, size: len(p.toks), toks: p.toks})
			}
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].size != hits[b].size {
			return hits[a].size > hits[b].size
		}
		return hits[a].from < hits[b].from
	})
	var out []hit
	used := make([]bool, len(ts))
next:
	for _, h := range hits {
		for k := h.from; k < h.to; k++ {
			if used[k] {
				continue next
			}
		}
		for k := h.from; k < h.to; k++ {
			used[k] = true
		}
		out = append(out, h)
	}
	// A unit named as part of another's name is its parent, not a second
	// sender: "Phòng GDTrH - Sở GD&ĐT" names the Phòng.
	kept := out[:0]
	for _, h := range out {
		parent := false
		for _, o := range out {
			if o.unit != h.unit && m.inName(o.unit, h.toks) {
				parent = true
			}
		}
		if !parent {
			kept = append(kept, h)
		}
	}
	return kept
}

// inName reports whether every token of toks occurs in unit u's full name.
func (m *Matcher) inName(u int, toks []string) bool {
	for _, t := range toks {
		if !m.words[u][t] {
			return false
		}
	}
	return true
}

// matchAt matches p at ts[i:], skipping words a name may leave out, and
// returns the end of the match. A match fails when the name written goes on
// (a capitalised word follows without a separator: THPT Nguyễn Du is not
// THPT Nguyễn Du Đắk Mil) or when it is preceded by another unit type (THCS
// Nguyễn Du is not PT DTNT THCS Nguyễn Du).
func (m *Matcher) matchAt(ts []token, i int, p pattern) (int, bool) {
	j, k := 0, i
	for j < len(p.toks) {
		if k >= len(ts) {
			return 0, false
		}
		switch {
		case ts[k].w == p.toks[j]:
			j++
			k++
		case j > 0 && ts[k].skippable():
			k++
		default:
			return 0, false
		}
	}
	// The name goes on?
	for e := k; e < len(ts) && !ts[e].brk; e++ {
		t := ts[e]
		if t.kind == kPlace && !p.typeOnly {
			// "THPT Chu Văn An huyện Đắk Mil": the unit's place, said after it.
			break
		}
		if t.kind == kWord && t.upper || t.kind == kDesig && p.typeOnly || t.kind == kNum {
			return 0, false
		}
		if t.kind != kPlace && t.kind != kConn {
			break
		}
	}
	// Another type before it?
	if isDesig(p.toks[0]) {
		for b := i - 1; b >= 0; b-- {
			if ts[b+1].brk {
				break
			}
			if ts[b].kind == kConn {
				continue
			}
			if ts[b].kind == kDesig {
				return 0, false
			}
			break
		}
	}
	return k, true
}

var hostRe = regexp.MustCompile(`(?i)\b(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?`)

// hosts returns the units whose website a line names, and whether it names
// another website (a newspaper).
func (m *Matcher) hostsIn(line string) (units []int, other bool) {
	for _, sm := range hostRe.FindAllStringSubmatch(line, -1) {
		h := strings.TrimPrefix(strings.ToLower(sm[1]), "www.")
		if !strings.Contains(sm[0], "/") && strings.Count(h, ".") < 1 {
			continue
		}
		if i, ok := m.hosts[h]; ok {
			units = append(units, i)
		} else {
			other = true
		}
	}
	return units, other
}
