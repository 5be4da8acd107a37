package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// TestFoldedAlternatives: over texts made of the patterns' words in every
// case, with runes whose case folding is unusual (Kelvin sign, long s,
// dotted I, final sigma), invalid bytes and white space of every kind,
// the folded alternatives match exactly where the regexp does.
func TestFoldedAlternatives(t *testing.T) {
	t.Parallel()
	gates := map[string]gatedRegexp{"reDocPage": reDocPage, "reLooseSkip": reLooseSkip, "reDateAttr": reDateAttr, "reCopyright": reCopyright,
		"reLabelPub": reLabelPub, "reLabelUpd": reLabelUpd, "reLabelCrt": reLabelCrt, "reSkipImg": reSkipImg.gatedRegexp}
	for name, g := range gates {
		if g.alts == nil && name != "reLooseSkip" { // its alternative starts with no literal
			t.Errorf("%s: no folded alternatives", name)
		}
	}
	words := []string{"số", "ký", "hiệu", "ngày", "ban", "hành", "trích", "yếu", "cơ", "quan", "người", "đăng", "lúc", "xuất", "bản", "thời", "gian",
		"posted", "on", "published", "đưa", "tin", "vào", "veröffentlicht", "cập", "nhật", "chỉnh", "sửa", "đổi", "lần", "cuối", "updated", "mis", "à", "jour",
		"tạo", "created", "comments", "sidebar", "recommended", "tin-khac", "date", "time", "meta", "info", "©", "&copy;", "(c)", "2024", "copyright", "quyền",
		"logo", "quang-cao", "/ads/", "btn-", "print.", "rss", "blank.gif", "flag", "share", "\u212a", "\u017f", "İ", "ς", "\xff", "trường", "học"}
	seps := []string{" ", "", "  ", "\n", "\t", "\u00a0", "-", "_", "/"}
	cases := []func(string) string{func(s string) string { return s }, strings.ToUpper, cases.Title(language.Und, cases.NoLower).String, func(s string) string {
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	}}
	r := rand.New(rand.NewPCG(5, 6))
	matched := 0
	for i := 0; i < 30000; i++ {
		var b strings.Builder
		for range 1 + r.IntN(5) {
			b.WriteString(cases[r.IntN(len(cases))](words[r.IntN(len(words))]))
			b.WriteString(seps[r.IntN(len(seps))])
		}
		s := b.String()
		long := s + strings.Repeat(" trường học", foldMinLen/10)
		for name, g := range gates {
			want := g.re.MatchString(s)
			if got := g.MatchString(s); got != want {
				t.Fatalf("%s.MatchString(%q) = %v, regexp says %v", name, s, got, want)
			}
			if got, ok := g.matchFolded(s); ok && got != want {
				t.Fatalf("%s.matchFolded(%q) = %v, regexp says %v", name, s, got, want)
			}
			if i%50 != 0 {
				// The regexp alone is slow on long text.
			} else if got, want := g.MatchString(long), g.re.MatchString(long); got != want {
				t.Fatalf("%s.MatchString(%q) = %v, regexp says %v", name, long, got, want)
			}
			if want {
				matched++
			}
		}
	}
	if matched == 0 {
		t.Fatal("no text matched: the test proves nothing")
	}
}

// TestFoldRune: runes that match each other in any case share a fold.
func TestFoldRune(t *testing.T) {
	t.Parallel()
	for _, pair := range [][2]rune{{'a', 'A'}, {'k', '\u212a'}, {'s', '\u017f'}, {'ệ', 'Ệ'}, {'đ', 'Đ'}, {'σ', 'ς'}, {'ß', 'ẞ'}} {
		if foldRune(pair[0]) != foldRune(pair[1]) {
			t.Errorf("%q and %q fold apart", pair[0], pair[1])
		}
	}
	if foldRune('i') == foldRune('İ') {
		t.Error("i and İ fold together; (?i) does not match them")
	}
	if _, ok := foldCase("x\u212ay"); ok {
		t.Error("the Kelvin sign folds to ASCII; foldCase must refuse it")
	}
}

// TestFoldTable: the table answers as the orbit does.
func TestFoldTable(t *testing.T) {
	t.Parallel()
	for r := rune(0); r < foldTableSize+16; r++ {
		if got, want := foldRune(r), foldOrbit(r); got != want {
			t.Fatalf("foldRune(%U) = %U, orbit says %U", r, got, want)
		}
	}
}
