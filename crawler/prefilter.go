package crawler

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// literals is a cheap necessary condition for a regexp to match: every match
// contains at least one of these strings. A nil literals cannot rule anything
// out. Scanning a page's text for a few dozen short literals with
// strings.Contains costs microseconds, where the regexp engine needs
// milliseconds for a long alternation over the same text.
type literals []string

// maxExact bounds the sets of exact strings built from concatenations.
const maxExact = 256

// requiredLiterals derives the literals of re, or nil when some match of re
// needs no literal (or case folding is involved).
func requiredLiterals(re *regexp.Regexp) literals {
	p, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	return need(p.Simplify())
}

// exact returns every string re can match when that set is small and
// known (zero-width assertions match ""), and ok false otherwise.
func exact(re *syntax.Regexp) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return []string{""}, true
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpQuest:
		s, ok := exact(re.Sub[0])
		if !ok {
			return nil, false
		}
		return append(s, ""), true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s, ok := exact(sub)
			if !ok {
				return nil, false
			}
			out = append(out, s...)
		}
		return out, len(out) <= maxExact
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			s, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if out = cross(out, s); out == nil {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// cross concatenates every a with every b, or returns nil when too many.
func cross(a, b []string) []string {
	if len(a)*len(b) > maxExact {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// need returns strings one of which every match of re contains, or nil.
func need(re *syntax.Regexp) literals {
	if s, ok := exact(re); ok {
		return nonEmpty(s)
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return need(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return need(re.Sub[0])
		}
	case syntax.OpConcat:
		// Every part must match. Runs of consecutive exact parts form exact
		// sets of their own; the candidate whose shortest string is longest
		// is the most selective requirement.
		var best literals
		consider := func(l literals) {
			if l != nil && (best == nil || l.shortest() > best.shortest()) {
				best = l
			}
		}
		run := []string{""}
		for _, sub := range re.Sub {
			if s, ok := exact(sub); ok {
				if next := cross(run, s); next != nil {
					run = next
					continue
				}
				consider(nonEmpty(run))
				run = s
				continue
			}
			consider(nonEmpty(run))
			run = []string{""}
			consider(need(sub))
		}
		consider(nonEmpty(run))
		return best
	case syntax.OpAlternate:
		var out literals
		for _, sub := range re.Sub {
			l := need(sub)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return out
	}
	return nil
}

// nonEmpty returns s as literals, or nil when one of them is empty.
func nonEmpty(s []string) literals {
	if len(s) == 0 {
		return nil
	}
	for _, x := range s {
		if x == "" {
			return nil
		}
	}
	return literals(s)
}

func (l literals) shortest() int {
	m := -1
	for _, s := range l {
		if m < 0 || len(s) < m {
			m = len(s)
		}
	}
	return m
}

// litSet answers literals.mayMatch in one pass over the text, where
// mayMatch runs strings.Contains once per literal (a few dozen passes over
// a page's folded text, 3 % of a crawl's CPU). A position is tried only
// when a hash of its first three bytes is one of the literals'.
type litSet struct {
	all   bool     // nil literals: anything may match
	short []string // literals under three bytes, looked for one by one
	// heads has a bit per hash of the first three bytes of a literal.
	heads [1 << 16 / 64]uint64
	// byFirst are the literals of three bytes or more by their first byte.
	byFirst [256][]string
}

func newLitSet(l literals) *litSet {
	s := &litSet{all: l == nil}
	for _, lit := range l {
		if len(lit) < 3 {
			s.short = append(s.short, lit)
			continue
		}
		h := head3(lit[0], lit[1], lit[2])
		s.heads[h>>6] |= 1 << (h & 63)
		s.byFirst[lit[0]] = append(s.byFirst[lit[0]], lit)
	}
	return s
}

func head3(a, b, c byte) uint32 {
	return (uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 2654435761 >> 16
}

// mayMatch is literals.mayMatch.
func (s *litSet) mayMatch(t string) bool {
	if s.all {
		return true
	}
	for _, lit := range s.short {
		if strings.Contains(t, lit) {
			return true
		}
	}
	for i := 0; i+2 < len(t); i++ {
		if h := head3(t[i], t[i+1], t[i+2]); s.heads[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for _, lit := range s.byFirst[t[i]] {
			if strings.HasPrefix(t[i:], lit) {
				return true
			}
		}
	}
	return false
}
