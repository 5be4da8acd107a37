// Package vntext folds Vietnamese text for matching labels with and without
// diacritics: "Giới thiệu", "gioi thieu" and "GIOI-THIEU" all fold to
// "gioi thieu".
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, removes diacritics (đ becomes d) and collapses every
// run of non-letters and non-digits into one space.
//
// Text made of ASCII, Latin letters (Vietnamese included), combining
// diacritics and general punctuation, which is all a Vietnamese page holds,
// is folded rune by rune from a table built at start; other text goes
// through the Unicode normalisation chain. Both give the same result (see
// the tests): the chain allocated about 10 KB per call and was a tenth of a
// crawl's CPU.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start: drop leading separators
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				b.WriteByte(c)
				space = false
			case 'A' <= c && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
				space = false
			default:
				if !space {
					b.WriteByte(' ')
					space = true
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		f, ok := table(r)
		if !ok || r == utf8.RuneError && n == 1 {
			return slowFold(s)
		}
		i += n
		for j := 0; j < len(f); j++ {
			if f[j] != ' ' {
				b.WriteByte(f[j])
				space = false
			} else if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// Ranges whose runes fold one by one exactly as the whole string does:
// no rune of them composes with a neighbour once the marks are gone.
var tableRanges = []struct{ lo, hi rune }{
	{0x80, 0x24F},    // Latin-1 Supplement, Latin Extended-A and -B
	{0x300, 0x36F},   // combining diacritical marks
	{0x1E00, 0x1EFF}, // Latin Extended Additional (ạ, ả, ấ … ỹ)
	{0x2000, 0x206F}, // general punctuation (dashes, quotes, spaces)
}

// foldTable holds the folding of every rune of tableRanges, in order.
var foldTable = func() map[rune]string {
	m := map[rune]string{}
	for _, rg := range tableRanges {
		for r := rg.lo; r <= rg.hi; r++ {
			m[r] = mapRunes(normalize(string(r)))
		}
	}
	return m
}()

func table(r rune) (string, bool) {
	f, ok := foldTable[r]
	return f, ok
}

// slowFold is Fold through the normalisation chain, for any text.
func slowFold(s string) string {
	return strings.Join(strings.Fields(mapRunes(normalize(s))), " ")
}

// normalize decomposes s, drops the nonspacing marks and composes it again.
func normalize(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// mapRunes lower-cases letters and digits (đ becomes d) and turns every
// other rune into a space.
func mapRunes(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return ' '
	}, s)
}

// Compact is Fold without spaces ("Cơ cấu tổ chức" → "cocautochuc"), for
// matching URL segments such as CoCauToChuc.aspx or co-cau-to-chuc.
func Compact(s string) string { return strings.ReplaceAll(Fold(s), " ", "") }

// Contains reports whether the folded text contains the folded label as whole words.
func Contains(text, label string) bool {
	t, l := " "+Fold(text)+" ", " "+Fold(label)+" "
	return l != "  " && strings.Contains(t, l)
}
