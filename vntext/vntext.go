// Package vntext folds Vietnamese text for matching labels with and without
// diacritics: "Giới thiệu", "gioi thieu" and "GIOI-THIEU" all fold to
// "gioi thieu".
package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, removes diacritics (đ becomes d) and collapses every
// run of non-letters and non-digits into one space.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return ' '
	}, out)
	return strings.Join(strings.Fields(out), " ")
}

// Compact is Fold without spaces ("Cơ cấu tổ chức" → "cocautochuc"), for
// matching URL segments such as CoCauToChuc.aspx or co-cau-to-chuc.
func Compact(s string) string { return strings.ReplaceAll(Fold(s), " ", "") }

// Contains reports whether the folded text contains the folded label as whole words.
func Contains(text, label string) bool {
	t, l := " "+Fold(text)+" ", " "+Fold(label)+" "
	return l != "  " && strings.Contains(t, l)
}
