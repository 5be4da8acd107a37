package crawler

import (
	"testing"

	"sitewatch/config"
	"sitewatch/vntext"
)

// TestFoldLabelsMatchesContains checks that matching pre-folded labels gives
// what vntext.Contains gives pair by pair.
func TestFoldLabelsMatchesContains(t *testing.T) {
	t.Parallel()
	texts := []string{"Giới thiệu", "GIỚI THIỆU CHUNG", "Liên hệ", "Tin tức - Sự kiện", "Văn bản", "Công khai", "Thủ tục hành chính",
		"Tuyển sinh 2026", "Góp ý", "Cơ cấu tổ chức", "Trang chủ", "", "  ", "---", "Đường dây nóng", "lien he", "Hỏi đáp – góp ý"}
	var reqs []config.Requirement
	reqs = append(reqs, config.DefaultRequirements(true)...)
	reqs = append(reqs, config.DefaultRequirements(false)...)
	reqs = append(reqs, config.Requirement{ID: "odd", Synonyms: []string{"", " ", "-", "Góp ý"}})
	for _, req := range reqs {
		syn := foldLabels(req.Synonyms)
		for _, text := range texts {
			want := false
			for _, s := range req.Synonyms {
				if vntext.Contains(text, s) {
					want = true
				}
			}
			if got := containsFolded(" "+vntext.Fold(text)+" ", syn); got != want {
				t.Errorf("%s %q: containsFolded = %v, vntext.Contains = %v", req.ID, text, got, want)
			}
		}
	}
}
