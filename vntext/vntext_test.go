package vntext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"diacritics", "Giới thiệu", "gioi thieu"},
		{"upper and dash", "GIOI-THIEU", "gioi thieu"},
		{"d with stroke", "Đoàn Thanh niên", "doan thanh nien"},
		{"decomposed marks", "Gio\u031Bi\u0301 thie\u0302\u0323u", "gioi thieu"},
		{"punctuation runs", "  Tin tức – sự kiện…  ", "tin tuc su kien"},
		{"nbsp", "Liên\u00a0hệ", "lien he"},
		{"digits", "Năm học 2026-2027", "nam hoc 2026 2027"},
		{"empty", "", ""},
		{"only separators", " - … ", ""},
		{"other scripts", "Хорошо 日本", "хорошо 日本"},
		{"invalid utf-8", "a\xffb", "a b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := slowFold(tc.in); got != tc.want {
				t.Errorf("slowFold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestFoldMatchesChain checks the table against the normalisation chain on
// every rune of the table and on random text mixing them with ASCII.
func TestFoldMatchesChain(t *testing.T) {
	t.Parallel()
	var pool []rune
	for _, rg := range tableRanges {
		for r := rg.lo; r <= rg.hi; r++ {
			pool = append(pool, r)
			for _, s := range []string{string(r), "a" + string(r) + "b", string(r) + " " + string(r)} {
				if got, want := Fold(s), slowFold(s); got != want {
					t.Fatalf("Fold(%q) = %q, chain gives %q", s, got, want)
				}
			}
		}
	}
	pool = append(pool, []rune("aeiouy dđAĐ-.,;:!?()[]0123456789 \t\n")...)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(24); n > 0; n-- {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		if got, want := Fold(s), slowFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, chain gives %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Giới thiệu", "Cơ cấu tổ chức", "e\u0301", "Ωμέγα", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := Fold(s), slowFold(s); got != want {
			t.Errorf("Fold(%q) = %q, chain gives %q", s, got, want)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	s := strings.Repeat("Hội nghị tổng kết công tác năm học 2025-2026 và triển khai nhiệm vụ. ", 40)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		Fold(s)
	}
}

func BenchmarkSlowFold(b *testing.B) {
	s := strings.Repeat("Hội nghị tổng kết công tác năm học 2025-2026 và triển khai nhiệm vụ. ", 40)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		slowFold(s)
	}
}
