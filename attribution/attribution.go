// Package attribution reads who sent a post published on a portal (the
// Sở's own website): a byline at the end of the body ("Tin, ảnh: Trường
// THPT Chu Văn An", "Hoàng Minh (Phòng GD&ĐT huyện Cư Jút)"), an author
// element or meta[name=author], a "Nguồn:" line, or a title prefix ("[THPT
// Chu Văn An] …"), and matches it against the units of the registry.
//
// Names match with and without diacritics and with the usual abbreviations
// (PGD, PGDĐT, Phòng GD&ĐT, THPT, THCS, TH, MN, PT DTNT, TT GDNN-GDTX),
// with "Trường", "huyện", "TP." left out, and the units' aliases. The whole
// name with its type must be written: THPT Nguyễn Du is never THCS Nguyễn
// Du, Phòng GD&ĐT huyện Đắk Mil never THPT Đắk Mil; the longest name wins
// and two different units leave the post unattributed. Only lines shaped
// like a signature count (a label such as "Tin, ảnh:", or names only): a
// unit merely mentioned in a sentence, in a sidebar or in a list of other
// posts ("Tin đơn vị") is never taken. A newspaper source or a person alone
// leaves the post unattributed; "Ban biên tập" names the portal's own unit.
//
// Attribute is pure over its Evidence; Collect reads the Evidence from a
// parsed page. Both are safe for concurrent use.
package attribution

import (
	"strings"
	"unicode/utf8"

	"sitewatch/vntext"
)

// Found says where the attribution was read.
type Found string

// Where an attribution is found.
const (
	FoundByline Found = "byline" // a signature line at the end of the body
	FoundAuthor Found = "author" // an author element, "Tác giả:", meta[name=author]
	FoundSource Found = "source" // a "Nguồn:" / "Nguồn tin:" line
	FoundTitle  Found = "title"  // a title prefix: "[THPT Chu Văn An] …"
)

// Evidence is one piece of text that may say who sent the post.
type Evidence struct {
	Text  string
	Found Found
	// Styled is true when the line stands apart as a signature does:
	// right-aligned, bold or italic, or in an author element.
	Styled bool
	// Meta is true for meta[name=author], which many sites fill with the
	// site's own name: it decides only when the page shows no signature.
	Meta bool
}

// Result is who sent a post. UnitID is empty when nobody can tell; Text and
// Found then still show the signature that was read (a person, a newspaper),
// for the office to assign the post.
type Result struct {
	UnitID string
	Text   string
	Found  Found
}

// Limits of what a signature line looks like.
const (
	// MaxLabelWords is the longest label before a colon ("Bài và ảnh:").
	MaxLabelWords = 4
	// MaxSignatureWords is the longest signature line, in words.
	MaxSignatureWords = 30
	// MaxLowerLabelled is how many lower-case words a labelled signature may
	// carry besides the names ("Nguyễn Văn A, giáo viên Trường THPT …").
	MaxLowerLabelled = 2
	// MaxLowerStyled is the same for an unlabelled right-aligned, bold or italic line.
	MaxLowerStyled = 1
)

// labelKind tells what a label before a colon introduces: "" when the
// words are not a signature's label.
func labelKind(label string) (Found, bool) {
	f := " " + vntext.Fold(label) + " "
	switch {
	case strings.Contains(f, " nguon "):
		return FoundSource, true
	case strings.Contains(f, " tac gia ") || strings.Contains(f, " nguoi viet "):
		return FoundAuthor, true
	}
	for _, w := range []string{" tin ", " anh ", " bai ", " thuc hien ", " ctv ", " pv ", " btv ", " video ", " clip ", " theo "} {
		if strings.Contains(f, w) {
			return FoundByline, true
		}
	}
	return "", false
}

// reading is what one piece of evidence says.
type reading struct {
	ev Evidence
	// signature is true when the text is shaped like one.
	signature bool
	units     []int
	// foreign is true when a source names a website that is no unit's.
	foreign bool
	found   Found
}

// read analyses one piece of evidence.
func (m *Matcher) read(ev Evidence) reading {
	r := reading{ev: ev, found: ev.Found}
	text := strings.TrimSpace(ev.Text)
	if text == "" {
		return r
	}
	labelled := false
	if i := strings.IndexAny(text, ":："); i > 0 {
		label := text[:i]
		if n := len(strings.Fields(label)); n <= MaxLabelWords && !strings.ContainsAny(label, "0123456789") {
			if k, ok := labelKind(label); ok {
				labelled = true
				if ev.Found != FoundTitle {
					r.found = k
				}
				_, size := utf8.DecodeRuneInString(text[i:])
				text = strings.TrimSpace(text[i+size:])
			}
		}
	}
	if !labelled && ev.Found != FoundTitle {
		// "Theo Báo Đắk Nông": taken from elsewhere.
		if f := vntext.Fold(text); strings.HasPrefix(f, "theo ") {
			labelled, r.found = true, FoundSource
			text = strings.TrimSpace(text[len("Theo"):])
		}
	}
	hostUnits, foreign := m.hostsIn(text)
	ts := tokenize(hostRe.ReplaceAllString(text, " , "))
	if len(ts) > MaxSignatureWords {
		return r
	}
	hits := m.find(ts)
	covered := make([]bool, len(ts))
	for _, h := range hits {
		for k := h.from; k < h.to; k++ {
			covered[k] = true
		}
	}
	lower, names := 0, 0
	for k, t := range ts {
		if covered[k] {
			continue
		}
		switch t.kind {
		case kWord:
			if t.upper {
				names++
			} else {
				lower++
			}
		case kOffice:
			names++
		}
	}
	allow := 0
	switch {
	case labelled:
		allow = MaxLowerLabelled
	case ev.Styled || ev.Meta || ev.Found == FoundTitle:
		allow = MaxLowerStyled
	}
	if ev.Found == FoundTitle {
		allow = 0
	}
	if lower > allow {
		return r
	}
	if len(hits) == 0 && len(hostUnits) == 0 && names == 0 && !foreign {
		return r
	}
	r.signature = true
	r.foreign = foreign && len(hostUnits) == 0
	for _, h := range hits {
		r.units = appendUnique(r.units, h.unit)
	}
	for _, u := range hostUnits {
		r.units = appendUnique(r.units, u)
	}
	return r
}

func appendUnique(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// Attribute decides who sent a post from its evidence: the one unit that
// the signatures name. A source naming no unit (a newspaper, another
// website), two different units, or a person alone leave it unattributed.
// meta[name=author] decides only when the page shows no signature at all.
func (m *Matcher) Attribute(evs []Evidence) Result {
	var sigs []reading
	var metas []reading
	for _, ev := range evs {
		r := m.read(ev)
		if !r.signature {
			continue
		}
		if ev.Meta {
			metas = append(metas, r)
		} else {
			sigs = append(sigs, r)
		}
	}
	if len(sigs) == 0 {
		// A meta author naming the portal's own unit is the site's default
		// on every page, not a signature.
		for _, r := range metas {
			if len(r.units) == 1 && r.units[0] == m.self {
				continue
			}
			sigs = append(sigs, r)
		}
	}
	if len(sigs) == 0 {
		return Result{}
	}
	note := func(r reading) Result { return Result{Text: strings.TrimSpace(r.ev.Text), Found: r.found} }
	// Taken from a newspaper or another website.
	for _, r := range sigs {
		if r.found == FoundSource && len(r.units) == 0 {
			return note(r)
		}
	}
	var units []int
	var first *reading
	for i, r := range sigs {
		for _, u := range r.units {
			if first == nil {
				first = &sigs[i]
			}
			units = appendUnique(units, u)
		}
	}
	switch {
	case len(units) == 1:
		res := note(*first)
		res.UnitID = m.units[units[0]].ID
		return res
	case len(units) > 1:
		return note(*first)
	}
	for _, r := range sigs {
		if r.found != FoundTitle {
			return note(r)
		}
	}
	return note(sigs[0])
}
