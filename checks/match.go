package checks

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a label for comparison: NFC-normalised, lower case, without
// Vietnamese diacritics (đ becomes d), punctuation turned into spaces and
// runs of spaces collapsed. "Giới thiệu – Lịch sử" folds to "gioi thieu lich su".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range norm.NFD.String(norm.NFC.String(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// MatchLabel reports whether text (a menu entry, heading or link text)
// carries one of the synonyms as whole words, ignoring case, diacritics and
// punctuation: "GIỚI THIỆU CHUNG", "Gioi thieu" and "giới-thiệu" all match
// "Giới thiệu", and "Văn bản chỉ đạo" matches "Văn bản"; "Tin" does not match
// "Tintuc" (words are compared whole). An empty synonym never matches.
func MatchLabel(text string, synonyms []string) bool {
	t := " " + Fold(text) + " "
	if t == "  " {
		return false
	}
	for _, s := range synonyms {
		f := Fold(s)
		if f == "" {
			continue
		}
		if strings.Contains(t, " "+f+" ") {
			return true
		}
	}
	return false
}
