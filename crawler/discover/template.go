package discover

import (
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode"
)

// Value classes of a template. A template keeps literal single words
// (structure such as "tabid", "node", "nv=news") and generalises what varies
// from page to page.
const (
	classNumber   = "{n}"   // 123
	classSlug     = "{s}"   // le-khai-giang (two words or more)
	classWordNum  = "{w-n}" // page-2, trang3, p5 (one word and a number)
	classSlugID   = "{s-n}" // le-khai-giang-173, 173-le-khai-giang
	classHash     = "{h}"   // long hexadecimal or random tokens (session ids, hashes)
	classDate     = "{d}"   // 2026-10-15, 20261015
	classLongWord = "{lw}"  // one word longer than maxLiteralWord
)

// maxLiteralWord is the longest single word kept literally in a template;
// longer words (run-together slugs) are content, not structure.
const maxLiteralWord = 24

// Template returns the URL template of u: its path segments and its query
// parameter names in order, with values generalised to classes, so that
// /tin-tuc/le-khai-giang-173.html, /index.php?nv=news&op=tin-tuc/x-173.html,
// /?p=123 and /tabid/56/ArticleId/789/x.aspx each name a family of pages.
// Host and scheme are not part of a template.
func Template(u *url.URL) string { return TemplateWithout(u, nil) }

// TemplateWithout is Template leaving out the query parameters named in
// skip (lowercased names: a site's session parameters).
func TemplateWithout(u *url.URL, skip map[string]bool) string {
	var b strings.Builder
	p := u.Path
	if p == "" {
		p = "/"
	}
	for i, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		if i > 0 || seg != "" {
			b.WriteByte('/')
		}
		b.WriteString(classSegment(seg))
	}
	if u.RawQuery == "" {
		return b.String()
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		b.WriteString("?" + classHash)
		return b.String()
	}
	names := make([]string, 0, len(q))
	for k := range q {
		if !skip[strings.ToLower(k)] {
			names = append(names, strings.ToLower(k))
		}
	}
	sort.Strings(names)
	lower := map[string]string{}
	for k, v := range q {
		if len(v) > 0 {
			lower[strings.ToLower(k)] = v[0]
		}
	}
	if len(names) == 0 {
		return b.String()
	}
	for i, k := range names {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		v := lower[k]
		parts := strings.Split(v, "/")
		for j, part := range parts {
			if j > 0 {
				b.WriteByte('/')
			}
			b.WriteString(classSegment(part))
		}
	}
	return b.String()
}

// classSegment generalises one path segment or query value, keeping a file
// extension literally.
func classSegment(seg string) string {
	if seg == "" {
		return ""
	}
	if s, err := url.PathUnescape(seg); err == nil {
		seg = s
	}
	ext := path.Ext(seg)
	if ext != "" && len(ext) <= 6 && isAlnum(ext[1:]) && !isDigits(ext[1:]) {
		seg = seg[:len(seg)-len(ext)]
		ext = strings.ToLower(ext)
	} else {
		ext = ""
	}
	return classValue(seg) + ext
}

// classValue generalises a value without extension.
func classValue(v string) string {
	if v == "" {
		return ""
	}
	low := strings.ToLower(v)
	words, digits, other := splitWords(low)
	switch {
	case other:
		return classHash
	case len(words) == 0 && len(digits) == 0:
		return low // punctuation only
	case len(words) == 0:
		joined := strings.Join(digits, "")
		if len(digits) >= 2 && len(joined) >= 6 || len(joined) == 8 && (joined[:2] == "19" || joined[:2] == "20") {
			return classDate
		}
		return classNumber
	case hashLike(low):
		return classHash
	case len(digits) == 0 && len(words) == 1:
		if len(words[0]) > maxLiteralWord {
			return classLongWord
		}
		return words[0]
	case len(digits) == 0:
		return classSlug
	case len(words) == 1:
		return classWordNum
	default:
		return classSlugID
	}
}

// splitWords splits a lowercased value on separators into letter runs and
// digit runs; other reports characters that are neither (after folding
// Vietnamese letters, which count as letters).
func splitWords(v string) (words, digits []string, other bool) {
	var cur strings.Builder
	curDigit := false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		if curDigit {
			digits = append(digits, cur.String())
		} else {
			words = append(words, cur.String())
		}
		cur.Reset()
	}
	for _, r := range v {
		switch {
		case r == '-' || r == '_' || r == '.' || r == '+' || r == ' ' || r == ',' || r == ':' || r == '~':
			flush()
		case unicode.IsDigit(r):
			if cur.Len() > 0 && !curDigit {
				flush()
			}
			curDigit = true
			cur.WriteRune(r)
		case unicode.IsLetter(r):
			if cur.Len() > 0 && curDigit {
				flush()
			}
			curDigit = false
			cur.WriteRune(r)
		default:
			other = true
		}
	}
	flush()
	return words, digits, other
}

// hashLike reports tokens that are random rather than words: long runs that
// mix letters and digits with no separator (session ids, GUIDs, hashes).
func hashLike(v string) bool {
	if len(v) < 16 {
		return false
	}
	letters, digits, seps := 0, 0, 0
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == '_':
			seps++
		default:
			letters++
		}
	}
	// GUIDs: 8-4-4-4-12 hex groups; other random tokens have few separators.
	return digits >= 3 && letters >= 3 && seps <= 4 && len(v)/(seps+1) >= 8
}

func isAlnum(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// tokens splits a URL's path and query (names and values) into lowercase
// word and number tokens, numbers kept as they are; used to compare
// pagination variants.
func tokens(u *url.URL) []string {
	var out []string
	add := func(s string) {
		if us, err := url.PathUnescape(s); err == nil {
			s = us
		}
		w, _, _ := splitTokens(strings.ToLower(s))
		out = append(out, w...)
	}
	add(u.Path)
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err == nil {
			names := make([]string, 0, len(q))
			for k := range q {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				add(k)
				for _, v := range q[k] {
					add(v)
				}
			}
		}
	}
	return out
}

// splitTokens is splitWords keeping the order of words and numbers.
func splitTokens(v string) (toks []string, nums int, other bool) {
	var cur strings.Builder
	curDigit := false
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			if curDigit {
				nums++
			}
			cur.Reset()
		}
	}
	for _, r := range v {
		switch {
		case unicode.IsDigit(r):
			if cur.Len() > 0 && !curDigit {
				flush()
			}
			curDigit = true
			cur.WriteRune(r)
		case unicode.IsLetter(r):
			if cur.Len() > 0 && curDigit {
				flush()
			}
			curDigit = false
			cur.WriteRune(r)
		default:
			flush()
			if r != '/' && r != '-' && r != '_' && r != '.' && r != '=' && r != '&' {
				other = true
			}
		}
	}
	flush()
	return toks, nums, other
}
