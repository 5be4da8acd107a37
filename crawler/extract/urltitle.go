package extract

import (
	"net/url"
	"path"
	"strings"

	"sitewatch/vntext"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Most CMSes write a post's address from its title ("/hoi-thi-tin-hoc-tre-
// nam-2018/"). When a page marks no heading as its title (table layouts,
// a title in a <p class="Title">), the line of the page that spells its
// address is its title: the page says so itself, whatever its markup.

// MinSlugTitleWords is the number of words an address must spell for a
// line of the page that spells it to be taken for the title: a section's
// address ("/tin-tuc/") names the section, not a post.
const MinSlugTitleWords = 3

// maxSlugTitleClimb is how many ancestors of the body are searched for the
// title line (the title sits in a row or block just above the text).
const maxSlugTitleClimb = 6

// slugTitleRunes bound the text of a title line.
const (
	minSlugTitleRunes = 10
	maxSlugTitleRunes = 300
)

// slugWords are the words the page's address spells, folded; nil when it
// spells fewer than MinSlugTitleWords.
func slugWords(u *url.URL) []string {
	if u == nil {
		return nil
	}
	p := strings.TrimSuffix(u.Path, "/")
	seg := path.Base(p)
	if ext := path.Ext(seg); ext != "" && len(ext) <= 5 {
		seg = strings.TrimSuffix(seg, ext)
		if strings.EqualFold(seg, "index") || strings.EqualFold(seg, "default") {
			seg = path.Base(path.Dir(p))
		}
	}
	w := strings.Fields(vntext.Fold(strings.NewReplacer("-", " ", "_", " ", "+", " ").Replace(seg)))
	// A trailing number is often the post's id, not a word of its title.
	if n := len(w); n > 0 && strings.Trim(w[n-1], "0123456789") == "" {
		w = w[:n-1]
	}
	if len(w) < MinSlugTitleWords {
		return nil
	}
	return w
}

// slugSlack is the share of an address's letters that may differ from the
// title line's (a slug maker drops or mangles a letter now and then: "của"
// written "ua", "v/v" written "vv"), counted as edits.
const slugSlack = 0.1

// spells reports whether text spells the words of an address: the
// address's letters open the text, give or take slugSlack of them in
// edits, the address possibly cut short, the text not running on into a
// paragraph.
func spells(text string, words []string) bool {
	tw := strings.Fields(vntext.Fold(text))
	if len(tw) == 0 || len(tw) > 3*len(words) {
		return false
	}
	t := []rune(strings.Join(tw, ""))
	s := []rune(strings.Join(words, ""))
	if len(t) == 0 || t[0] != s[0] {
		return false
	}
	slack := int(slugSlack*float64(len(s))) + 1
	if len(t) < len(s)-slack {
		return false
	}
	if len(t) > len(s)+slack {
		t = t[:len(s)+slack]
	}
	// Edit distance from s to the best prefix of t.
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			c := prev[j-1]
			if s[i-1] != t[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	best := len(s)
	for j := max(0, len(s)-slack); j <= len(t); j++ {
		best = min(best, prev[j])
	}
	return best <= slack
}

// mSlugTitle are the elements a title line is written in.
var mSlugTitle = compileList(`p`, `td`, `div`, `span`, `strong`, `b`, `font`, `h2`, `h3`, `h4`, `h5`, `h6`).union

// slugTitleNode finds the line of the page that spells its address, above
// the body (or anywhere outside lists and the template when the page has
// no body): the innermost element whose text it is. Lines in links, list
// items and template blocks, or holding them, are other pages' titles.
func slugTitleNode(doc *goquery.Document, body *goquery.Selection, page *url.URL, own *owner) *goquery.Selection {
	words := slugWords(page)
	if words == nil {
		return nil
	}
	find := func(scope *html.Node, skip *html.Node) *html.Node {
		var found *html.Node
		for _, n := range goquery.NewDocumentFromNode(scope).FindMatcher(mSlugTitle).Nodes {
			if skip != nil && isAncestor(skip, n) {
				continue
			}
			if found != nil && !isAncestor(found, n) {
				break
			}
			t, ok := normText(n, 4*maxSlugTitleRunes)
			if !ok || len([]rune(t)) < minSlugTitleRunes || len([]rune(t)) > maxSlugTitleRunes || !spells(t, words) {
				continue
			}
			s := goquery.NewDocumentFromNode(n).Selection
			if s.Closest("a, li").Length() > 0 || s.Find("a, li, table").Length() > 0 || s.ClosestMatcher(mExcluded).Length() > 0 || own.inMarks(n) || hidden(s) {
				continue
			}
			found = n
		}
		return found
	}
	if body == nil {
		root := doc.Find("body").First()
		if root.Length() == 0 {
			return nil
		}
		if n := find(root.Get(0), nil); n != nil {
			return doc.FindNodes(n)
		}
		return nil
	}
	b := body.Get(0)
	anc := b.Parent
	for i := 0; i < maxSlugTitleClimb && anc != nil && anc.Type == html.ElementNode && anc.Data != "body"; i++ {
		if n := find(anc, b); n != nil {
			return doc.FindNodes(n)
		}
		anc = anc.Parent
	}
	return nil
}
