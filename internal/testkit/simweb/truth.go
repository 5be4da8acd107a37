package simweb

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// TruthPost is the ground truth of one post, what a perfect crawler reports.
type TruthPost struct {
	// URL is the canonical path and query, e.g. "/2026/11/03/slug/" or
	// "/Pages/ChiTietTin.aspx?ItemID=4230&CatID=11". Prefix it with
	// Web.URL(site) for an absolute URL.
	URL string `json:"url"`
	// Aliases are other targets that serve or redirect to the same post
	// (non-rewritten URLs, other categories, ?m=1, parameters swapped ...).
	Aliases []string `json:"aliases,omitempty"`
	Title   string   `json:"title"`
	// Published is the publication time in Asia/Ho_Chi_Minh.
	Published time.Time `json:"published_at"`
	// PublishedText is Published as "2006-01-02 15:04" (+07), like the corpus truth.
	PublishedText string `json:"published"`
	// DatePrecision is "minute", or "day" when the site shows only a date
	// (compare calendar days in +07 then).
	DatePrecision string `json:"date_precision"`
	// Updated is the last update shown or declared (equal to Published when never updated).
	Updated time.Time `json:"updated_at"`
	// Category is the label of the primary category.
	Category string `json:"category"`
	// Images counts content images, the featured image included; not logos,
	// banners, thumbnails of other posts, icons, emoji, tracking pixels, nor
	// hidden or <noscript> duplicates.
	Images int `json:"images"`
	// CaptionedImages counts images with a visible caption: a figcaption, a
	// caption cell (wp-caption-text, td.image_desc, td.tr-caption) or a
	// caption line right under the image (centred <em>, <br><i>).
	CaptionedImages int `json:"captioned_images"`
	// AltImages counts images without a visible caption whose alt text
	// describes the image. An empty alt, a camera file name
	// ("IMG_3187.JPG") or an alt that repeats the post title does not count.
	AltImages int `json:"alt_images"`
	// AltCaptionedImages is CaptionedImages + AltImages (the corpus's
	// "-caption-rule alt").
	AltCaptionedImages int  `json:"alt_captioned_images"`
	FeaturedImage      bool `json:"featured_image"`
	FeaturedCaptioned  bool `json:"featured_captioned"`
	// Pinned marks the old post pinned first in listings.
	Pinned bool `json:"pinned,omitempty"`
	// Translations are the post's English versions (StyleCustom bilingual
	// sites). They are the same post, not posts of their own: a crawler may
	// report the post through one of them, and reporting both it and its
	// translation counts one post and one duplicate (Score treats them as
	// aliases).
	Translations []string `json:"translations,omitempty"`
	// Traps are short codes of what makes this post hard (see package doc).
	Traps []string `json:"traps,omitempty"`
	// DateTrap explains, in a sentence, the trap around this post's date ("" when none).
	DateTrap string `json:"date_trap,omitempty"`
}

// SiteTruth is the ground truth of one site.
type SiteTruth struct {
	Name     string `json:"name"`
	Style    string `json:"style"`
	UnitName string `json:"unit_name"`
	Kind     string `json:"kind"`
	Block    string `json:"block"`
	Profile  string `json:"profile"`
	// Down is true when the site answers 503 everywhere: report it
	// unreachable, not as a site with no posts.
	Down bool `json:"down,omitempty"`
	// Sections are the required-section ids the site carries.
	Sections []string `json:"sections"`
	Footer   Footer   `json:"footer"`
	Charset  string   `json:"charset,omitempty"`
	// Traps are the site-wide difficulties (see package doc).
	Traps []string `json:"traps"`
	// Months counts posts by month of publication ("2026-11") in +07.
	Months map[string]int `json:"months"`
	Posts  []TruthPost    `json:"posts"`
	// Pages are the site's pages that are not posts (StyleCustom only):
	// menu pages, documents, albums, listings, archives. A crawler that
	// reports one of them as a post reports a false post.
	Pages []TruthPage `json:"pages,omitempty"`
	// Layout is what a StyleCustom site drew (nil for other styles).
	Layout *Layout `json:"layout,omitempty"`
	// SessionParams are query parameters that carry a visitor session and
	// never identify a page; Score drops them before matching URLs, as the
	// corpus scorer drops PHPSESSID.
	SessionParams []string `json:"session_params,omitempty"`
}

// TruthPage is a page of a site that is not a post.
type TruthPage struct {
	// URL is the page's canonical path and query.
	URL     string   `json:"url"`
	Aliases []string `json:"aliases,omitempty"`
	// Kind is one of the Page* constants.
	Kind string `json:"kind"`
	// Section is the required-section id the page satisfies ("gioi_thieu" …), if any.
	Section string `json:"section,omitempty"`
	Title   string `json:"title"`
	// Page is the listing page number (listings only).
	Page int `json:"page,omitempty"`
}

var trapNames = []struct {
	bit  uint32
	name string
}{
	{trapPinned, "pinned-old-post"},
	{trapOld, "older-than-window"},
	{trapMonthEnd, "month-end-23:50"},
	{trapMonthStart, "month-start-00:10"},
	{trapRecent, "posted-hours-ago"},
	{trapYesterday, "posted-yesterday"},
	{trapSameDay, "same-day-as-another"},
	{trapUpdated, "updated-later"},
	{trapUpdatedNextMonth, "updated-in-later-month"},
	{trapCreatedEarlier, "created-earlier"},
	{trapEventPrevMonth, "event-date-previous-month"},
	{trapSeveralCats, "several-categories"},
	{trapDayFirst, "day-first-ambiguous"},
	{trapAdded, "added-at-runtime"},
	{trapRedated, "redated-at-runtime"},
}

// Truth returns the ground truth of the site's current posts, newest
// first. Safe for concurrent use.
func (s *Site) Truth() []TruthPost {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]TruthPost, 0, len(s.posts))
	for _, p := range s.posts {
		out = append(out, s.truthOf(p))
	}
	return out
}

// SiteTruth returns the ground truth of the whole site. Safe for concurrent use.
func (s *Site) SiteTruth() SiteTruth {
	posts := s.Truth()
	s.mu.RLock()
	down := s.fault.Down
	s.mu.RUnlock()
	t := SiteTruth{
		Name: s.Name, Style: s.Style, UnitName: s.UnitName, Kind: s.Kind, Block: s.Block,
		Profile: s.Profile, Down: down, Sections: slices.Clone(s.Sections), Footer: s.Footer,
		Charset: s.Charset, Traps: s.siteTraps(), Months: map[string]int{}, Posts: posts,
	}
	if down {
		t.Posts = []TruthPost{}
	}
	if s.cust != nil {
		s.mu.RLock()
		t.Pages = s.customTruthPages()
		l := s.cust.layout()
		t.Layout = &l
		if l.Session != "" && l.Session != sessionCookieless {
			t.SessionParams = []string{l.Session}
		}
		s.mu.RUnlock()
	}
	for _, p := range t.Posts {
		t.Months[p.Published.Format("2006-01")]++
	}
	return t
}

// MonthCounts counts the current posts by month of publication in +07.
func (s *Site) MonthCounts() map[string]int {
	m := map[string]int{}
	for _, p := range s.Truth() {
		m[p.Published.Format("2006-01")]++
	}
	return m
}

// TruthJSON renders the truth of every site as an indented JSON array of SiteTruth.
func TruthJSON(sites []*Site) ([]byte, error) {
	all := make([]SiteTruth, len(sites))
	for i, s := range sites {
		all[i] = s.SiteTruth()
	}
	b, err := json.MarshalIndent(all, "", " ")
	if err != nil {
		return nil, fmt.Errorf("simweb: truth json: %w", err)
	}
	return b, nil
}

func (s *Site) truthOf(p *post) TruthPost {
	t := TruthPost{
		URL:           s.st.postPath(s, p),
		Aliases:       s.st.aliases(s, p),
		Title:         p.title,
		Published:     p.pub,
		PublishedText: p.pub.Format("2006-01-02 15:04"),
		DatePrecision: "minute",
		Updated:       p.upd,
		Category:      s.cats[p.cat].label,
		Pinned:        p.has(trapPinned) && s.Style != StyleStatic,
	}
	if s.Style == StyleStatic && s.feats.textDate {
		t.DatePrecision = "day"
	}
	for _, im := range p.imgs {
		t.Images++
		switch {
		case im.caption:
			t.CaptionedImages++
		case im.alt == altText:
			t.AltImages++
		}
		if im.featured {
			t.FeaturedImage = true
			t.FeaturedCaptioned = im.caption
		}
	}
	t.AltCaptionedImages = t.CaptionedImages + t.AltImages
	for _, tn := range trapNames {
		if !p.has(tn.bit) {
			continue
		}
		if tn.bit == trapCreatedEarlier && s.Style != StyleJoomla {
			continue
		}
		if tn.bit == trapPinned && s.Style == StyleStatic {
			continue
		}
		t.Traps = append(t.Traps, tn.name)
	}
	t.DateTrap = s.dateTrap(p)
	if s.cust != nil {
		s.customTruthPost(p, &t)
	}
	return t
}

// dateTrap explains the date difficulty of p on this site's style.
func (s *Site) dateTrap(p *post) string {
	utc := p.pub.UTC()
	switch {
	case p.has(trapMonthStart):
		return fmt.Sprintf("published 00:10 on %s (+07) = %s UTC: feeds and sitemaps in UTC put it in the previous month; it belongs to %s",
			p.pub.Format("02/01/2006"), utc.Format("02/01/2006 15:04"), p.pub.Format("2006-01"))
	case p.has(trapMonthEnd):
		return fmt.Sprintf("published 23:50 on the last day of %s (+07); it belongs to that month", p.pub.Format("2006-01"))
	case p.has(trapPinned) && s.Style != StyleStatic:
		return "old post pinned first in listings: do not stop paginating at it, do not count it in recent months"
	case p.has(trapCreatedEarlier) && s.Style == StyleJoomla:
		return fmt.Sprintf("'Ngày tạo' %s is earlier than 'Ngày đăng' %s: the publication date is 'Ngày đăng'", dmy(p.created), dmy(p.pub))
	case p.has(trapEventPrevMonth):
		return fmt.Sprintf("the lead names the event day %s (previous month); published %s", p.event.Format("2/1"), dmy(p.pub))
	case p.has(trapUpdatedNextMonth):
		return fmt.Sprintf("updated %s, in a later month than publication %s: listings/sitemaps may show the update", dmy(p.upd), dmy(p.pub))
	case p.has(trapUpdated):
		return fmt.Sprintf("updated %s after publication %s", dmyhm(p.upd), dmyhm(p.pub))
	case p.has(trapRecent) && s.feats.relDates:
		return "listings show a relative date (giờ trước) counted from the site's Now"
	case p.has(trapYesterday) && s.feats.relDates:
		return "listings show 'hôm qua' counted from the site's Now"
	case p.has(trapDayFirst):
		return fmt.Sprintf("%s is day/month: %s", dmy(p.pub), p.pub.Format("2 January 2006"))
	}
	return ""
}

// siteTraps lists the site-wide difficulties of s.
func (s *Site) siteTraps() []string {
	var t []string
	add := func(ok bool, name string) {
		if ok {
			t = append(t, name)
		}
	}
	f := s.feats
	switch s.Style {
	case StyleNukeViet:
		t = append(t, "nv-rewrite-urls", "nv-index-php-aliases-301", "nv-malformed-published-time", "rss-gmt", "pinned-first-in-listings", "centred-em-captions")
		add(f.feedMinute, "rss-minute-is-month")
	case StyleWordPress:
		t = append(t, "wp-permalinks", "wp-shortlink-301", "feed-only-10-newest", "wp-sitemap-lastmod-is-modified", "sticky-old-post", "utm-tracking-links", "emoji-images", "figcaption-and-wp-caption", "gallery")
		add(f.lazy, "lazy-images-noscript-duplicates")
		add(f.utcMeta, "og-jsonld-times-in-utc")
	case StyleJoomla:
		t = append(t, "joomla-sef-urls", "joomla-non-sef-301", "category-blog-start-param", "article-info-created-vs-published", "no-sitemap", "featured-old-article-on-home", "latest-news-module-everywhere")
	case StylePortal:
		t = append(t, "query-string-urls", "params-swapped-and-lowercase-aliases", "listing-shows-update-date", "event-date-in-lead", "root-302", "sitemap-lastmod-is-update", "dead-rss-404", "table-image-desc-captions")
		add(f.printDup, "hidden-print-duplicate-image")
	case StyleBlogger:
		t = append(t, "blogger-permalinks", "shared-date-header", "abbr-published-iso", "atom-feed", "robots-disallow-search", "mobile-m1-duplicates", "static-p-pages", "tr-caption-captions")
	case StyleCustom:
		l := s.cust.layout()
		t = append(t, "scheme-"+l.Scheme, "listing-"+l.Listing, "pager-"+l.Pager, "pager-links-"+l.PagerLinks, "post-date-on-"+l.PostDate, "menu-pages-share-post-scheme", "deep-history")
		add(l.Hub, "undated-news-hub")
		add(l.Archive, "month-archives")
		add(!l.Feed, "no-feed")
		add(!l.Sitemap, "no-sitemap")
		add(l.Bilingual, "english-translations")
		add(l.Session != "", "session-parameter-"+l.Session)
		add(!l.Canonical, "no-canonical")
		add(l.RelativeDates, "relative-listing-dates")
	case StyleStatic:
		t = append(t, "no-feed", "no-sitemap", "text-only-dates", "hand-made-markup")
		add(s.Charset == "windows-1258", "windows-1258-bytes")
		add(s.Charset == "windows-1258-wrong", "wrong-charset-declaration")
	}
	add(f.relDates && s.Style != StyleStatic && s.Style != StylePortal, "relative-listing-dates")
	add(f.fbEmoji, "facebook-emoji-images")
	return t
}
