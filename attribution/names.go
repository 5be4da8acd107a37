package attribution

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sitewatch/vntext"
)

// tokKind classifies a normalized word of a name or a line.
type tokKind uint8

const (
	kWord   tokKind = iota // a word of a proper name (or any other word)
	kDesig                 // a unit type: thpt, thcs, pgddt, sgddt, phong …
	kPlace                 // huyện, TP., tỉnh …: may be left out
	kOpt                   // "Trường": may be left out
	kConn                  // "và" between two unit types (TH và THCS)
	kOffice                // the portal's own editors: Ban biên tập, BBT
	kNum                   // digits
)

// token is one normalized word.
type token struct {
	w    string
	kind tokKind
	// upper is true when the word was written with a capital letter.
	upper bool
	// brk is true when a separator (",", ":", "(", " - " …) precedes it.
	brk bool
}

// skippable tokens may be absent from a line that names a unit.
func (t token) skippable() bool { return t.kind == kPlace || t.kind == kOpt || t.kind == kConn }

// phrase is what a run of folded words normalizes to.
type phrase struct {
	out  []string
	kind tokKind
}

// phrases maps folded word runs to their normal form: the usual
// abbreviations of unit types (THPT, PGDĐT, PT DTNT, TT GDNN-GDTX …) and
// the words that names may leave out. "sgd" is the folded form of the word
// "Sở" (distinguished from "số" before folding).
var phrases = func() map[string]phrase {
	m := map[string]phrase{}
	add := func(kind tokKind, out string, keys ...string) {
		for _, k := range keys {
			m[k] = phrase{out: strings.Fields(out), kind: kind}
		}
	}
	add(kDesig, "thpt", "trung hoc pho thong", "thpt")
	add(kDesig, "thcs", "trung hoc co so", "trung hoc co sgd", "thcs")
	add(kDesig, "th", "tieu hoc", "th")
	add(kDesig, "mn", "mam non", "mn")
	add(kDesig, "mg", "mau giao", "mg")
	add(kDesig, "ptdtnt", "pho thong dan toc noi tru", "pt dan toc noi tru", "pt dtnt", "ptdtnt", "dtnt", "dan toc noi tru")
	add(kDesig, "ptdtbt", "pho thong dan toc ban tru", "pt dan toc ban tru", "pt dtbt", "ptdtbt", "dtbt", "dan toc ban tru")
	add(kDesig, "pt", "pho thong", "pt")
	add(kDesig, "ttgdtx", "trung tam giao duc nghe nghiep giao duc thuong xuyen", "trung tam gdnn gdtx", "tt gdnn gdtx",
		"ttgdnn gdtx", "ttgdnn ttgdtx", "gdnn gdtx", "ttgdnngdtx", "trung tam giao duc thuong xuyen", "trung tam gdtx",
		"tt gdtx", "ttgdtx", "trung tam gdnn", "ttgdnn")
	add(kDesig, "trungtam", "trung tam")
	add(kDesig, "pgddt", "phong giao duc va dao tao", "phong giao duc dao tao", "phong gd va dt", "phong gd dt", "phong gddt",
		"phong gd", "pgd va dt", "pgd dt", "pgddt", "pgd", "phong giao duc")
	add(kDesig, "sgddt", "sgd giao duc va dao tao", "sgd giao duc dao tao", "sgd gd va dt", "sgd gd dt", "sgd gddt", "sgd",
		"so giao duc va dao tao", "so giao duc dao tao", "so gd va dt", "so gd dt", "so gddt", "sgd dt", "sgddt")
	add(kDesig, "phong", "phong")
	// Departments of the Sở, written out or abbreviated (Phòng GDTrH).
	m["phong giao duc trung hoc"] = phrase{out: []string{"phong", "gdtrh"}, kind: kDesig}
	m["phong giao duc tieu hoc"] = phrase{out: []string{"phong", "gdth"}, kind: kDesig}
	m["phong giao duc mam non"] = phrase{out: []string{"phong", "gdmn"}, kind: kDesig}
	add(kWord, "gdtrh", "giao duc trung hoc")
	add(kWord, "gdth", "giao duc tieu hoc")
	add(kWord, "gdmn", "giao duc mam non")
	add(kWord, "tccb", "to chuc can bo")
	// "Văn phòng" is an office, not a Phòng (Văn phòng Sở).
	add(kWord, "vanphong", "van phong")
	add(kOffice, "bbt", "ban bien tap", "bbt")
	add(kPlace, "huyen", "huyen")
	add(kPlace, "tp", "thanh pho", "tp")
	add(kPlace, "tx", "thi xa", "tx")
	add(kPlace, "tt", "thi tran")
	add(kPlace, "tinh", "tinh")
	add(kPlace, "quan", "quan")
	add(kOpt, "truong", "truong")
	add(kConn, "va", "va")
	return m
}()

// maxPhrase is the longest key of phrases, in words.
const maxPhrase = 10

// rawWord is a word as written, before normalization.
type rawWord struct {
	fold  string
	upper bool
	brk   bool
	num   bool
}

// isApostrophe reports the apostrophes written inside names (N'Trang, N’Trang).
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '`' || r == 'ʼ' }

// splitWords cuts s into words, noting the separators between them.
func splitWords(s string) []rawWord {
	s = norm.NFC.String(s)
	rs := []rune(s)
	var out []rawWord
	var cur []rune
	brk := false
	flush := func() {
		if len(cur) == 0 {
			return
		}
		w := string(cur)
		f := vntext.Fold(w)
		if strings.ToLower(w) == "sở" {
			f = "sgd"
		}
		f = strings.ReplaceAll(f, " ", "")
		out = append(out, rawWord{fold: f, upper: unicode.IsUpper(cur[0]), brk: brk, num: unicode.IsDigit(cur[0])})
		cur, brk = cur[:0], false
	}
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			cur = append(cur, r)
		case isApostrophe(r) && len(cur) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// N'Trang is one word.
		case unicode.IsSpace(r):
			flush()
		case r == '&':
			flush()
		case r == '-' || r == '‐':
			// GDNN-GDTX joins two words; " - " separates.
			joined := i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1])
			flush()
			if !joined {
				brk = true
			}
		case r == '.':
			// TP. and TX. are abbreviations, not the end of a sentence.
			short := len(cur) > 0 && len(cur) <= 2
			flush()
			if !short {
				brk = true
			}
		default:
			flush()
			brk = true
		}
	}
	flush()
	return out
}

// tokenize normalizes s into tokens: folded, with the phrases of unit types
// collapsed (longest first) and the separators kept.
func tokenize(s string) []token {
	ws := splitWords(s)
	var out []token
	for i := 0; i < len(ws); {
		n := 0
		var ph phrase
		for l := min(maxPhrase, len(ws)-i); l >= 1; l-- {
			crosses := false
			parts := make([]string, l)
			for j := range l {
				parts[j] = ws[i+j].fold
				if j > 0 && ws[i+j].brk {
					crosses = true
				}
			}
			if crosses {
				continue
			}
			if p, ok := phrases[strings.Join(parts, " ")]; ok {
				n, ph = l, p
				break
			}
		}
		if n == 0 {
			kind := kWord
			if ws[i].num {
				kind = kNum
			}
			out = append(out, token{w: ws[i].fold, kind: kind, upper: ws[i].upper, brk: ws[i].brk})
			i++
			continue
		}
		for j, w := range ph.out {
			k := ph.kind
			if k == kDesig && j > 0 && !isDesig(w) {
				k = kWord
			}
			out = append(out, token{w: w, kind: k, upper: ws[i].upper, brk: ws[i].brk && j == 0})
		}
		i += n
	}
	return out
}

// isDesig reports whether w is the normal form of a unit type.
func isDesig(w string) bool {
	switch w {
	case "thpt", "thcs", "th", "mn", "mg", "ptdtnt", "ptdtbt", "pt", "ttgdtx", "trungtam", "pgddt", "sgddt", "phong":
		return true
	}
	return false
}
