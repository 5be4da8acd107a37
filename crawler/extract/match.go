package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// groupMatcher matches a selector group as cascadia does, with the group's
// simple selectors (a tag, .class or #id alone) looked up in sets: a node
// costs one pass over its attributes, not one string search per selector.
// Extraction asks such groups of every ancestor of many nodes (is this
// date in a sidebar?), where cascadia's one-by-one class tests were a
// fifth of a page's reading. The other selectors go to cascadia.
type groupMatcher struct {
	tags, classes, ids map[string]bool
	rest               cascadia.SelectorGroup
}

var (
	reSimpleTag   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	reSimpleClass = regexp.MustCompile(`^\.[\w-]+$`)
	reSimpleID    = regexp.MustCompile(`^#[\w-]+$`)
)

// compileGroup compiles a selector group (selectors joined by commas, no
// comma inside one); it panics on a selector cascadia cannot parse.
func compileGroup(group string) groupMatcher {
	g := groupMatcher{tags: map[string]bool{}, classes: map[string]bool{}, ids: map[string]bool{}}
	var rest []string
	for _, s := range strings.Split(group, ",") {
		s = strings.TrimSpace(s)
		switch {
		case reSimpleTag.MatchString(s):
			g.tags[s] = true
		case reSimpleClass.MatchString(s):
			g.classes[s[1:]] = true
		case reSimpleID.MatchString(s):
			g.ids[s[1:]] = true
		case s != "":
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		sg, err := cascadia.ParseGroup(strings.Join(rest, ", "))
		if err != nil {
			panic(err)
		}
		g.rest = sg
	}
	return g
}

// Match reports whether n matches one selector of the group.
func (g groupMatcher) Match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if g.tags[n.Data] {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "class":
			if len(g.classes) > 0 && g.anyClass(a.Val) {
				return true
			}
		case "id":
			if g.ids[a.Val] {
				return true
			}
		}
	}
	return g.rest != nil && g.rest.Match(n)
}

// anyClass reports whether one of the white-space separated tokens of v
// is a class of the group, without allocating.
func (g groupMatcher) anyClass(v string) bool {
	for i := 0; i < len(v); {
		for i < len(v) && isClassSpace(v[i]) {
			i++
		}
		j := i
		for j < len(v) && !isClassSpace(v[j]) {
			j++
		}
		if j > i && g.classes[v[i:j]] {
			return true
		}
		i = j
	}
	return false
}

// isClassSpace is HTML's ASCII white space, which separates class names.
func isClassSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// MatchAll returns n and its descendants that match, in document order.
func (g groupMatcher) MatchAll(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if g.Match(c) {
			out = append(out, c)
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
	}
	walk(n)
	return out
}

// Filter returns the nodes of ns that match.
func (g groupMatcher) Filter(ns []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range ns {
		if g.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// gatedRegexp is a case-insensitive regexp run only on text that holds one
// of its literals (lower case), one of which every match contains: Go's
// regexps find no literal prefix in a case-insensitive alternation, and
// walk every byte of text that cannot match.
type gatedRegexp struct {
	re   *regexp.Regexp
	lits []string
	// alts are the pattern's alternatives over case-folded text (foldCase),
	// case-sensitive, so that each starts with a literal the regexp engine
	// skips to with strings.Index: a case-insensitive alternation is tried
	// at every byte of the text (1.9 ms for reDocPage on 4 KB of text, 20
	// times the alternatives' cost). nil when the pattern does not allow it.
	alts []*regexp.Regexp
}

// gate pairs re with the literals one of which each of its matches holds,
// read from the regexp itself (requiredLiterals), so that the check cannot
// drift from the pattern. It panics when the pattern has none (a
// programming error, as regexp.MustCompile's).
func gate(re *regexp.Regexp) gatedRegexp {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic("extract: gate: " + err.Error())
	}
	lits := slices.Compact(slices.Sorted(slices.Values(requiredLiterals(tree.Simplify()))))
	if len(lits) == 0 {
		panic("extract: gate: no literal every match of " + re.String() + " holds")
	}
	return gatedRegexp{re: re, lits: lits, alts: foldedAlternatives(tree.Simplify())}
}

// foldedAlternatives compiles the top-level alternatives of a pattern all
// of whose letters match in any case, rewritten for case-folded text: each
// literal rune replaced by its fold (foldRune), classes kept (the parser
// closes them under case folding). Over foldCase(s), one of them matches
// exactly when the pattern matches s. nil when some letter of the pattern
// is case-sensitive, or when an alternative starts with no literal.
func foldedAlternatives(tree *syntax.Regexp) []*regexp.Regexp {
	for tree.Op == syntax.OpCapture {
		tree = tree.Sub[0]
	}
	subs := []*syntax.Regexp{tree}
	if tree.Op == syntax.OpAlternate {
		subs = tree.Sub
	}
	var out []*regexp.Regexp
	for _, sub := range subs {
		f, ok := foldTree(sub)
		if !ok {
			return nil
		}
		re, err := regexp.Compile(f.String())
		if err != nil {
			return nil
		}
		if p, _ := re.LiteralPrefix(); p == "" {
			return nil // it would be tried at every byte, as the pattern is
		}
		out = append(out, re)
	}
	return out
}

// foldTree is a copy of re for case-folded text, or false when a literal
// or class of it is case-sensitive and holds a rune that folds.
func foldTree(re *syntax.Regexp) (*syntax.Regexp, bool) {
	c := *re
	switch re.Op {
	case syntax.OpLiteral:
		c.Rune = make([]rune, len(re.Rune))
		for i, r := range re.Rune {
			if re.Flags&syntax.FoldCase == 0 && unicode.SimpleFold(r) != r {
				return nil, false
			}
			c.Rune[i] = foldRune(r)
		}
		c.Flags &^= syntax.FoldCase
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase == 0 {
			n := 0
			for i := 0; i < len(re.Rune); i += 2 {
				if n += int(re.Rune[i+1]-re.Rune[i]) + 1; n > maxClassCheck {
					return nil, false // too wide to check; kept case-insensitive
				}
				for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
					if unicode.SimpleFold(r) != r {
						return nil, false
					}
				}
			}
		}
	}
	if len(re.Sub) > 0 {
		c.Sub = make([]*syntax.Regexp, len(re.Sub))
		for i, sub := range re.Sub {
			f, ok := foldTree(sub)
			if !ok {
				return nil, false
			}
			c.Sub[i] = f
		}
	}
	return &c, true
}

// maxClassCheck bounds the runes of a case-sensitive class foldTree checks.
const maxClassCheck = 1024

// foldRune is the least rune of r's case-folding orbit (unicode.SimpleFold):
// two runes match each other in any case exactly when their folds are equal.
// Runes under foldTableSize (Latin, Vietnamese, Greek, Cyrillic) are read
// from a table built at package initialisation (the gated regexps of the
// package's variables fold their patterns then anyway).
func foldRune(r rune) rune {
	if r >= 0 && r < foldTableSize {
		return foldTable[r]
	}
	return foldOrbit(r)
}

// foldTableSize covers Latin Extended Additional (U+1E00-U+1EFF), where
// the Vietnamese letters with two marks are.
const foldTableSize = 0x2000

var foldTable = buildFoldTable()

func buildFoldTable() []rune {
	t := make([]rune, foldTableSize)
	for r := range rune(foldTableSize) {
		t[r] = foldOrbit(r)
	}
	return t
}

// foldOrbit is foldRune computed from unicode.SimpleFold.
func foldOrbit(r rune) rune {
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// foldCase maps every rune of s to foldRune, or reports false when s holds
// a rune outside ASCII whose fold is ASCII (the Kelvin sign, the long s),
// where \b and ASCII classes would read the folded text otherwise.
func foldCase(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteByte(byte(r) - 'a' + 'A')
			continue
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
			continue
		}
		f := foldRune(r)
		if f < utf8.RuneSelf {
			return "", false
		}
		b.WriteRune(f)
	}
	return b.String(), true
}

// requiredLiterals is a set of lower-cased literals one of which every
// match of re holds, or nil when it cannot tell.
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture:
		return requiredLiterals(re.Sub[0])
	case syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpAlternate:
		// Every alternative must hold one.
		var all []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	case syntax.OpConcat:
		// Any part's set will do: the one whose shortest literal is the
		// longest opens the gate on the least text.
		var best []string
		score := func(l []string) int {
			m := -1
			for _, s := range l {
				if m < 0 || len(s) < m {
					m = len(s)
				}
			}
			return m
		}
		for _, sub := range re.Sub {
			if l := requiredLiterals(sub); l != nil && (best == nil || score(l) > score(best)) {
				best = l
			}
		}
		return best
	}
	return nil
}

// MayMatch reports whether s holds one of the literals.
func (g gatedRegexp) MayMatch(s string) bool {
	l := strings.ToLower(s)
	for _, lit := range g.lits {
		if strings.Contains(l, lit) {
			return true
		}
	}
	return false
}

// MatchString is the regexp's, after the literal check.
// Past the literal check, a text of foldMinLen bytes or more is folded and
// searched for each alternative, which skips to its literal; a shorter one
// costs less to the regexp than to a call per alternative.
func (g gatedRegexp) MatchString(s string) bool {
	if !g.MayMatch(s) {
		return false
	}
	if len(s) >= foldMinLen {
		if m, ok := g.matchFolded(s); ok {
			return m
		}
	}
	return g.re.MatchString(s)
}

// matchFolded is the regexp's answer read from the folded alternatives;
// false when they cannot tell (none, or s holds a rune foldCase refuses).
func (g gatedRegexp) matchFolded(s string) (match, ok bool) {
	if g.alts == nil {
		return false, false
	}
	f, ok := foldCase(s)
	if !ok {
		return false, false
	}
	for _, a := range g.alts {
		if a.MatchString(f) {
			return true, true
		}
	}
	return false, true
}

// foldMinLen is the length from which MatchString searches folded text.
const foldMinLen = 256

// FindString is the regexp's, after the literal check.
func (g gatedRegexp) FindString(s string) string {
	if !g.MayMatch(s) {
		return ""
	}
	return g.re.FindString(s)
}

// wordOrGated is a gated regexp or a whole word (ASCII word boundaries,
// any case, optionally a plural s): the word alone ("ad") would open the
// gate on most of the text it is asked of ("upload").
type wordOrGated struct {
	gatedRegexp
	word string
}

// MatchString reports whether s matches the regexp or holds the word.
func (w wordOrGated) MatchString(s string) bool {
	return w.gatedRegexp.MatchString(s) || hasASCIIWord(strings.ToLower(s), w.word)
}

// hasASCIIWord reports whether s holds word (or word+"s") between ASCII word
// boundaries, as the regexp \bwords?\b does.
func hasASCIIWord(s, word string) bool {
	isWord := func(i int) bool {
		if i < 0 || i >= len(s) {
			return false
		}
		c := s[i]
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(word)
		if !isWord(i-1) && (!isWord(end) || s[end] == 's' && !isWord(end+1)) {
			return true
		}
		off = i + 1
	}
}
