package crawler

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		expr string
		want []string // nil: no filter
	}{
		{"literal", `abc`, []string{"abc"}},
		{"alternation", `\b(foo|bar baz)\b`, []string{"foo", "bar baz"}},
		{"longest part of a concat", `ab.{1,3}cdef`, []string{"cdef"}},
		{"optional part", `domain (is )?for sale`, []string{"domain is for sale", "domain for sale"}},
		{"branch without literal", `foo|.+`, nil},
		{"case folding", `(?i)foo`, nil},
		{"star only", `a*`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := requiredLiterals(regexp.MustCompile(tc.expr))
			if (got == nil) != (tc.want == nil) {
				t.Fatalf("requiredLiterals(%q) = %q, want %q", tc.expr, got, tc.want)
			}
			// Factoring may split literals differently; what matters is that each wanted literal implies one of got.
			for _, w := range tc.want {
				if !got.mayMatch(w) {
					t.Errorf("requiredLiterals(%q) = %q: %q would be ruled out", tc.expr, got, w)
				}
			}
		})
	}
}

// TestLiteralsNeverRuleOutAMatch checks the filter's one promise on the
// compromise patterns: whenever the regexp matches, mayMatch is true.
func TestLiteralsNeverRuleOutAMatch(t *testing.T) {
	t.Parallel()
	words := []string{"nha", "cai", "ca", "cuoc", "do", "casino", "tai", "xiu", "no", "hu", "game", "bai", "danh", "da", "ga", "lo", "de",
		"ban", "keo", "bong", "soi", "slot", "w88", "b52", "club", "hacked", "by", "owned", "team", "domain", "is", "for", "sale", "buy",
		"this", "ten", "mien", "nay", "dang", "duoc", "rao", "parked", "free", "het", "han", "truong", "thpt", "hoc", "sinh", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	pats := []struct {
		re   *regexp.Regexp
		lits *litSet
	}{{reSpam, spamLits}, {reDeface, defaceLits}, {reParked, parkedLits}}
	for _, p := range pats {
		if p.lits.all {
			t.Fatalf("no literals derived for %s", p.re)
		}
	}
	matched := 0
	for i := 0; i < 200000; i++ {
		n := 1 + r.IntN(6)
		parts := make([]string, n)
		for j := range parts {
			parts[j] = words[r.IntN(len(words))]
		}
		s := strings.Join(parts, " ")
		for _, p := range pats {
			if p.re.MatchString(s) {
				matched++
				if !p.lits.mayMatch(s) {
					t.Fatalf("%q matches %s but the literals %q rule it out", s, p.re, requiredLiterals(p.re))
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no random text matched: the test proves nothing")
	}
}

// TestLitSetIsMayMatch: the one-pass set answers as literals.mayMatch does,
// on texts made of the literals' pieces, at every offset and length.
func TestLitSetIsMayMatch(t *testing.T) {
	t.Parallel()
	sets := []literals{requiredLiterals(reSpam), requiredLiterals(reDeface), requiredLiterals(reParked), {"ab", "x", "abcd"}, nil}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"nha", "cai", " ", "w8", "8", "ca cu", "oc", "hacked", "by ", "domain", "for sale", "ab", "c", "d", "x", "đ", "\xff", "kubet", "casin", "o"}
	idx := make([]*litSet, len(sets))
	for i, l := range sets {
		idx[i] = newLitSet(l)
	}
	hits := 0
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		for j, l := range sets {
			want := l.mayMatch(s)
			if got := idx[j].mayMatch(s); got != want {
				t.Fatalf("%q in %q: litSet %v, mayMatch %v", l, s, got, want)
			}
			if want {
				hits++
			}
		}
	}
	if hits == 0 {
		t.Fatal("no text held a literal: the test proves nothing")
	}
}

// mayMatch reports false only when no match is possible in s: the
// reference, one strings.Contains per literal, that litSet is checked against.
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
