package crawler

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"sitewatch/vntext"
)

// Signs of a compromised site: betting and gambling spam (common on hacked
// Vietnamese school sites), defacement, and parked or for-sale domains.
// Patterns match folded text (no diacritics, lower case).
var (
	reSpam   = regexp.MustCompile(`\b(nha cai|ca cuoc|ca do|casino|tai xiu|no hu|game bai|danh bai|da ga|lo de|xoc dia|ban ca|keo bong da|soi keo|slot game|baccarat|w88|fb88|188bet|kubet|ku casino|789bet|jun88|hi88|sv388|new88|shbet|f8bet|8xbet|bk8|vn88|m88|fun88|win55|mu88|okvip|nohu|sunwin|go88|hitclub|rikvip|b52 club)\b`)
	reDeface = regexp.MustCompile(`\b(hacked by|defaced by|owned by .{1,30} team|hacked lol)\b`)
	reParked = regexp.MustCompile(`\b(domain (is )?for sale|buy this domain|this domain (name )?(may be|is) for sale|ten mien (nay )?(dang )?(duoc )?rao ban|parked (free|domain)|sedoparking|domain has expired|ten mien da het han)\b`)
)

// Literals one of which every match of the patterns above contains: most
// pages contain none, and then the regexps need not run (see prefilter.go).
var (
	spamLits   = newLitSet(requiredLiterals(reSpam))
	defaceLits = newLitSet(requiredLiterals(reDeface))
	parkedLits = newLitSet(requiredLiterals(reParked))
)

// compromiseEvidence returns snippets that show spam, defacement or a parked
// domain in a page, including text hidden from readers (a common injection).
func compromiseEvidence(doc *goquery.Document) []string {
	var out []string
	seen := map[string]bool{}
	add := func(kind, text string) {
		text = strings.Join(strings.Fields(text), " ")
		if len([]rune(text)) > 160 {
			text = string([]rune(text)[:160]) + "…"
		}
		k := kind + text
		if !seen[k] && len(out) < 5 {
			seen[k] = true
			out = append(out, kind+": "+text)
		}
	}
	// Links one by one only when their text folded as a whole holds a spam
	// literal: the fold of each link is a substring of the fold of all of them
	// joined by newlines, and one long fold costs far less than hundreds of
	// short ones.
	anchors := doc.Find("a")
	var all strings.Builder
	anchors.Each(func(_ int, a *goquery.Selection) {
		all.WriteString(a.Text() + "\n" + a.AttrOr("href", "") + "\n" + a.AttrOr("title", "") + "\n")
	})
	if spamLits.mayMatch(vntext.Fold(all.String())) {
		anchors.Each(func(_ int, a *goquery.Selection) {
			t := vntext.Fold(a.Text() + " " + a.AttrOr("href", "") + " " + a.AttrOr("title", ""))
			if spamLits.mayMatch(t) && reSpam.MatchString(t) {
				add("liên kết cờ bạc", a.Text()+" → "+a.AttrOr("href", ""))
			}
		})
	}
	body := doc.Find("body")
	body.Find("script, style, noscript").Remove()
	text := vntext.Fold(body.Text())
	if m := findIf(spamLits, reSpam, text); m != nil && len(out) == 0 {
		add("nội dung cờ bạc", text[max(0, m[0]-60):min(len(text), m[1]+60)])
	}
	if m := findIf(defaceLits, reDeface, text); m != nil {
		add("bị thay giao diện", text[max(0, m[0]-40):min(len(text), m[1]+60)])
	}
	title := vntext.Fold(doc.Find("title").Text())
	if m := findIf(parkedLits, reParked, text+" "+title); m != nil {
		add("tên miền bị bỏ/rao bán", (text + " " + title)[max(0, m[0]-40):min(len(text)+len(title)+1, m[1]+40)])
	}
	return out
}

// findIf is re.FindStringIndex(s), skipped when none of lits is in s.
func findIf(lits *litSet, re *regexp.Regexp, s string) []int {
	if !lits.mayMatch(s) {
		return nil
	}
	return re.FindStringIndex(s)
}
