package checks

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestMatchLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		text     string
		synonyms []string
		want     bool
	}{
		{"same", "Giới thiệu", []string{"Giới thiệu"}, true},
		{"upper case", "GIỚI THIỆU", []string{"Giới thiệu"}, true},
		{"without diacritics", "Gioi thieu", []string{"Giới thiệu"}, true},
		{"synonym without diacritics", "Giới thiệu", []string{"gioi thieu"}, true},
		{"decomposed input (NFD)", norm.NFD.String("Giới thiệu"), []string{"Giới thiệu"}, true},
		{"đ becomes d", "DICH VU CONG", []string{"Dịch vụ công"}, true},
		{"Đ upper case", "ĐÀO TẠO", []string{"đào tạo"}, true},
		{"longer menu entry", "Giới thiệu chung về nhà trường", []string{"Giới thiệu"}, true},
		{"punctuation and spacing", "  Hỏi -  đáp\u00a0", []string{"Hỏi đáp"}, true},
		{"one of several synonyms", "Sơ đồ tổ chức", []string{"Giới thiệu", "Sơ đồ tổ chức"}, true},
		{"whole words only", "Tintuc", []string{"Tin tức"}, false},
		{"prefix of a word is not a match", "Văn bảng", []string{"Văn bản"}, false},
		{"different words", "Thư viện ảnh", []string{"Tin tức"}, false},
		{"empty text", "", []string{"Tin tức"}, false},
		{"empty synonym", "Tin tức", []string{"", " - "}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := MatchLabel(tt.text, tt.synonyms); got != tt.want {
				t.Errorf("MatchLabel(%q, %q) = %v, want %v (fold %q)", tt.text, tt.synonyms, got, tt.want, Fold(tt.text))
			}
		})
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	if got, want := Fold("Giới thiệu – Lịch sử (Trường THPT)"), "gioi thieu lich su truong thpt"; got != want {
		t.Errorf("Fold = %q, want %q", got, want)
	}
}

func FuzzMatchLabel(f *testing.F) {
	f.Add("Giới thiệu chung", "Giới thiệu")
	f.Add("ĐÀO TẠO", "dao tao")
	f.Fuzz(func(t *testing.T, text, syn string) {
		// A text always matches itself once folded to something.
		if Fold(text) != "" && !MatchLabel(text, []string{text}) {
			t.Errorf("%q does not match itself", text)
		}
		_ = MatchLabel(text, []string{syn})
	})
}
