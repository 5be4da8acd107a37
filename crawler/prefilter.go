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

// mayMatch reports false only when no match is possible in s.
func (l literals) mayMatch(s string) bool {
	if l == nil {
		return true
	}
	for _, lit := range l {
		if strings.Contains(s, lit) {
			return true
		}
	}
	return false
}
