package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
)

// TestGroupMatcher: a compiled group matches exactly the nodes cascadia
// matches for the same selectors.
func TestGroupMatcher(t *testing.T) {
	t.Parallel()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><body>
<nav id="menu"><a href="/">x</a></nav><div class="a sidebar  b"><p class="date">1</p></div>
<div id="comments"><span class="meta-detail x">2</span></div><blockquote class="twitter-tweet">t</blockquote>
<blockquote class="other">o</blockquote><div hidden>h</div><div aria-hidden="true">h</div><div class="Sidebar">case</div>
<header id="header">hd</header><header>h2</header><em>e</em></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	for _, group := range []string{excludedSel, innerExcludedSel, `.hidden, .hide, [hidden], [aria-hidden=true]`,
		`.date, .meta-detail, span, em, blockquote.twitter-tweet, #menu`} {
		want := cascadia.MustCompile(group)
		got := compileGroup(group)
		for _, n := range want.MatchAll(doc.Nodes[0]) {
			if !got.Match(n) {
				t.Errorf("%q: %s %v not matched", group, n.Data, n.Attr)
			}
		}
		if g, w := len(got.MatchAll(doc.Nodes[0])), len(want.MatchAll(doc.Nodes[0])); g != w {
			t.Errorf("%q: %d matches, cascadia %d", group, g, w)
		}
	}
}

// TestSkipImgWords: reSkipImg matches what its single regexp matched.
func TestSkipImgWords(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`(?i)logo|banner|icon|avatar|gravatar|spacer|pixel|emoji|smiley|advert|quang-?cao|\bads?\b|/ads/|button|btn[_-]|share|zalo|facebook|twitter|print\.|rss|loading\.gif|blank\.gif|counter|flag`)
	for _, s := range []string{"", "/uploads/2026/11/anh-1.jpg", "/images/logo.png", "ad", "AD", "ads", "ad-top", "top_ad", "x-ads-y", "adsx", "bad", "ad1", "/ads/x.gif",
		"Quang-Cao.jpg", "quangcao", "btn-share", "BTN_x", "print.gif", "RSS", "loading.gif", "Flag-vn.png", "hinh-anh-hoat-dong.jpg", "thumb ad", "ad.s", "ads_", "load"} {
		if got, want := reSkipImg.MatchString(s), re.MatchString(s); got != want {
			t.Errorf("reSkipImg.MatchString(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// TestGatedRegexp: the literal check never hides a match of the regexp.
func TestGatedRegexp(t *testing.T) {
	t.Parallel()
	texts := []string{"", "Số ký hiệu: 12/QĐ", "NGÀY BAN HÀNH 01/01/2026", "trích  yếu", "người ký", "Người Ký", "Cơ quan ban hành",
		"post-comments", "SIDEBAR", "tin-lien-quan", "tinkhac", "Other_News", "recommended-posts", "share", "main content",
		"entry-date", "PostedOn", "NgayDang", "byline", "meta", "Infobox", "© 2020", "&copy; Trường", "(C) 2019", "Bản quyền", "BẢN QUYỀN", "Copyright 2024",
		"25/11/2026", "Tin tức", "Nội dung", "Ngày đăng: 25/11", "ĐĂNG LÚC", "Xuất bản", "Posted on", "PUBLISHED", "Ngày đưa tin", "Veröffentlicht", "PUBLIÉ le",
		"Cập nhật", "CHỈNH SỬA", "Lần cuối", "Updated", "Mis à jour", "Ngày tạo", "Created", "đăng", "ngày"}
	for name, g := range map[string]gatedRegexp{"reDocPage": reDocPage, "reLooseSkip": reLooseSkip, "reDateAttr": reDateAttr, "reCopyright": reCopyright,
		"reLabelPub": reLabelPub, "reLabelUpd": reLabelUpd, "reLabelCrt": reLabelCrt} {
		for _, s := range texts {
			if got, want := g.MatchString(s), g.re.MatchString(s); got != want {
				t.Errorf("%s.MatchString(%q) = %v, regexp says %v", name, s, got, want)
			}
		}
	}
}

// TestFoldedRunes: the count is that of the folded string.
func TestFoldedRunes(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", " ", "a", "  Trường  THCS\n\tĐông Sơn  ", "\u00a0x\u00a0 y", "one", "a b", "x\r\n"} {
		if got, want := foldedRunes(s), len([]rune(strings.Join(strings.Fields(s), " "))); got != want {
			t.Errorf("foldedRunes(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestRequiredLiterals: the literals a gate reads from its pattern, one of
// which every match holds, and none where a match may hold no literal.
func TestRequiredLiterals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		want []string
	}{
		{`(?i)created`, []string{"created"}},
		{`(?i)(ngày\s*tạo|created)`, []string{"ngày", "created"}},
		{`(?i)©|\(c\)\s*\d{4}|bản\s*quyền`, []string{"©", "(c)", "quyền"}},
		{`(?i)(?:^|\s)(?:comments?|tin-?khac)(?:$|\s)`, []string{"comment", "khac"}},
		{`(?i)x+yz`, []string{"yz"}},
		{`(?i)date|datum|dateline`, []string{"dat"}},
		{`\d+`, nil},
		{`(?i)logo|\d+`, nil},
		{`(?i)x?y*`, nil},
	}
	for _, tc := range tests {
		tree, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := requiredLiterals(tree.Simplify())
		if !slices.Equal(got, tc.want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}
