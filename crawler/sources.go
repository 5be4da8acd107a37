package crawler

import (
	"bytes"
	"encoding/xml"
	"io"
	"sitewatch/crawler/extract"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// feedItem is one entry of a feed.
type feedItem struct {
	URL       string
	Title     string
	Published time.Time
	Raw       string
	Updated   bool // the date is an update date (no published date in the entry)
}

// parseFeed reads RSS, Atom or JSON Feed.
func parseFeed(body []byte) (title string, items []feedItem, err error) {
	fp := gofeed.NewParser()
	f, err := fp.Parse(bytes.NewReader(body))
	if err != nil {
		return "", nil, err
	}
	for _, it := range f.Items {
		fi := feedItem{URL: strings.TrimSpace(it.Link), Title: strings.TrimSpace(it.Title)}
		if fi.URL == "" && len(it.Links) > 0 {
			fi.URL = it.Links[0]
		}
		switch {
		case it.PublishedParsed != nil:
			fi.Published, fi.Raw = *it.PublishedParsed, it.Published
		case it.UpdatedParsed != nil:
			fi.Published, fi.Raw, fi.Updated = *it.UpdatedParsed, it.Updated, true
		}
		if fi.URL != "" {
			items = append(items, fi)
		}
	}
	return f.Title, items, nil
}

// sitemapEntry is one <url> or <sitemap> of a sitemap document.
type sitemapEntry struct {
	Loc     string
	LastMod time.Time
}

type xmlSitemap struct {
	XMLName  xml.Name
	URLs     []xmlLoc `xml:"url"`
	Sitemaps []xmlLoc `xml:"sitemap"`
}

type xmlLoc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// parseSitemap reads a urlset or a sitemapindex.
func parseSitemap(body []byte, loc *time.Location) (urls, indexes []sitemapEntry, err error) {
	var sm xmlSitemap
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // bodies are already UTF-8
	if err := dec.Decode(&sm); err != nil {
		return nil, nil, err
	}
	conv := func(in []xmlLoc) []sitemapEntry {
		var out []sitemapEntry
		for _, l := range in {
			e := sitemapEntry{Loc: strings.TrimSpace(l.Loc)}
			if t, ok := extract.ParseMachineDate(l.LastMod, loc); ok {
				e.LastMod = t
			}
			if e.Loc != "" {
				out = append(out, e)
			}
		}
		return out
	}
	return conv(sm.URLs), conv(sm.Sitemaps), nil
}

// robotsSitemaps lists the Sitemap: lines of a robots.txt.
func robotsSitemaps(body []byte) []string {
	var out []string
	for _, line := range strings.Split(string(body), "\n") {
		line = strings.TrimSpace(line)
		if len(line) > 8 && strings.EqualFold(line[:8], "sitemap:") {
			out = append(out, strings.TrimSpace(line[8:]))
		}
	}
	return out
}
