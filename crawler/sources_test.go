package crawler

import (
	"testing"
	"time"
)

func FuzzSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>http://a/x</loc><lastmod>2026-11-01</lastmod></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>http://a/s1.xml</loc></sitemap></sitemapindex>`))
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	f.Fuzz(func(t *testing.T, b []byte) {
		parseSitemap(b, loc)
		parseFeed(b)
		robotsSitemaps(b)
	})
}
