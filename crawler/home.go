package crawler

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sitewatch/crawler/discover"
	"sitewatch/store"
)

// The home page of an unchanged site. A re-crawl asks the home page with
// its validators; when the site answers 304 the page is the body the
// previous crawl kept, and what that crawl read from it (the links the
// re-crawl looks at, the feeds it names, the sections it carries) was kept
// beside it under homeKey, tied to the body by bodyPrint. The re-crawl
// then decides whether the site has news from what was kept, and neither
// gunzips nor parses the page (html.Parse and gunzip of the 304'd home
// pages were a fifth of an unchanged re-crawl's CPU). When it has news,
// or what was kept no longer fits (another body, other sections looked
// for, session parameters learnt since), the page is parsed as always.

// homeKey is the pseudo-URL under which what the home page showed is kept.
func homeKey(site *url.URL) string { return stateKey(site, "home") }

// keptHome is what the crawl read from the home page for the next one.
type keptHome struct {
	// Of is the bodyPrint of the home page's stored validator.
	Of string `json:"of"`
	// URL is the page's final URL (after redirects).
	URL string `json:"url"`
	// Reqs is the requirementsPrint of the sections looked for.
	Reqs string `json:"reqs"`
	// Session are the site's session parameters the links were read without.
	Session []string `json:"session,omitempty"`
	// Sections are what the page carries (Crawl.Sections as s.sections and
	// the compromise check left them).
	Sections map[string]string `json:"sections"`
	// Feeds are the feeds the page names; WordPress reports its generator.
	Feeds     []string `json:"feeds,omitempty"`
	WordPress bool     `json:"wp,omitempty"`
	// Templates are the templates of all the page's links (Knowledge.HomeKnown).
	Templates []string `json:"templates"`
	// Links are the page's links to pages of the site that may be posts.
	Links []homeLink `json:"links"`
}

// homeLink is a home-page link as nothingNew looks at it: its URL, key and
// template, computed once when the page was read.
type homeLink struct {
	URL string `json:"u"`
	Key string `json:"k"`
	Tpl string `json:"t"`
}

// bodyPrint identifies a stored validator's payload cheaply (CRC-32, length,
// validators): what was read from a page is kept only with the body it
// was read from.
func bodyPrint(v store.Validator) string {
	return strconv.Itoa(len(v.Payload)) + "-" + strconv.FormatUint(uint64(crc32.ChecksumIEEE(v.Payload)), 16) + "-" + v.ETag + "-" + v.LastModified
}

// requirementsPrint identifies the sections a unit's home page is checked for.
func (s *session) requirementsPrint() string {
	var b strings.Builder
	for _, r := range s.t.Requirements {
		b.WriteString(r.ID)
		for _, syn := range r.Synonyms {
			b.WriteByte(0)
			b.WriteString(syn)
		}
		b.WriteByte(1)
	}
	return fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(b.String())))
}

func (s *session) sessionNames() []string {
	names := make([]string, 0, len(s.know.Session))
	for n := range s.know.Session {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// readHome makes the keptHome of a parsed home page, after s.sections and
// the compromise check filled the crawl's sections.
func (s *session) readHome(pg *discover.Page, finalURL string, wordpress bool) *keptHome {
	h := &keptHome{URL: finalURL, Reqs: s.requirementsPrint(), Session: s.sessionNames(), Feeds: pg.Feeds, WordPress: wordpress,
		Sections: make(map[string]string, len(s.res.Crawl.Sections))}
	for k, v := range s.res.Crawl.Sections {
		if k != store.SectionMovedTo {
			h.Sections[k] = v
		}
	}
	tpls := map[string]bool{}
	for _, l := range pg.Links {
		if !tpls[l.Template] {
			tpls[l.Template] = true
			h.Templates = append(h.Templates, l.Template)
		}
		u, err := url.Parse(l.URL)
		if err != nil || !SameSite(u, s.site) || reDocExt.MatchString(u.Path) {
			continue
		}
		h.Links = append(h.Links, homeLink{URL: l.URL, Key: key(l.URL), Tpl: s.template(l.URL)})
	}
	return h
}

// keepHome stores h for the next crawl, tied to the home page's validator
// this crawl stores under homeRaw (none: the site sends no validators, so
// it never answers 304).
func (s *session) keepHome(h *keptHome, homeRaw string) {
	v, ok := s.storedValidator(homeRaw)
	if !ok {
		return
	}
	h.Of = bodyPrint(v)
	if b, err := json.Marshal(h); err == nil {
		s.res.Validators = append(s.res.Validators, store.Validator{URL: homeKey(s.site), Payload: b})
	}
}

// keptHomeFor returns what the previous crawl read from the home page
// answered 304 at homeRaw, if it still fits, and the validator it is kept in.
func (s *session) keptHomeFor(home *Response, homeRaw string) (*keptHome, store.Validator, bool) {
	kv, ok := s.t.Validators[homeKey(s.site)]
	if !ok {
		return nil, kv, false
	}
	hv, ok := s.t.Validators[homeRaw]
	if !ok {
		return nil, kv, false
	}
	var h keptHome
	if json.Unmarshal(kv.Payload, &h) != nil || h.Of != bodyPrint(hv) || h.URL != home.URL ||
		h.Reqs != s.requirementsPrint() || !slices.Equal(h.Session, s.sessionNames()) {
		return nil, kv, false
	}
	if h.Sections == nil {
		h.Sections = map[string]string{}
	}
	return &h, kv, true
}

// applySections sets the crawl's sections to what the home page carries.
func (h *keptHome) applySections(sections map[string]string) {
	maps.Copy(sections, h.Sections)
}

// homeKnown is Knowledge.HomeKnown on the page's templates.
func (h *keptHome) homeKnown(kn *discover.Knowledge) bool {
	links := make([]discover.Link, len(h.Templates))
	for i, t := range h.Templates {
		links[i].Template = t
	}
	return kn.HomeKnown(links)
}

// pendingBody reports a response answered 304 whose kept body was not read
// yet (see get and keptBody).
func pendingBody(r *Response) bool { return r != nil && r.NotModified && r.Body == nil }

// keptBody reads the body kept under cacheKey into r, answered 304. A
// kept body that cannot be read is dropped and raw fetched again without
// validators.
func (s *session) keptBody(r *Response, raw, cacheKey string) (*Response, error) {
	if !pendingBody(r) {
		return r, nil
	}
	body, err := gunzip(s.t.Validators[cacheKey].Payload)
	if err == nil {
		r.Body = body
		return r, nil
	}
	kept := s.res.Validators[:0]
	for _, v := range s.res.Validators {
		if v.URL != cacheKey {
			kept = append(kept, v)
		}
	}
	s.res.Validators = kept
	return s.fetch(raw, false)
}

// homeStatusOK reports an answer the home page can be read from.
func homeStatusOK(r *Response) bool { return r.Status < http.StatusBadRequest }

// Where the home page answers. A site whose home page redirects within the
// site (a portal's / to /Pages/default.aspx) cost one request more on every
// crawl; the final URL is remembered with the local day the site's own URL
// redirected there, and later crawls of that day ask it directly. The
// first crawl of a later day asks the site's URL again, so a redirect the
// site changed (or dropped) is followed by the next day.

// homeAtKey is the pseudo-URL under which the home page's final URL is kept.
func homeAtKey(site *url.URL) string { return stateKey(site, "home-at") }

// homeAt returns the URL the site's home page redirected to earlier today,
// "" when it did not (or not today).
func (s *session) homeAt() string {
	lines := s.keptLines(homeAtKey(s.site))
	if len(lines) != 1 {
		return ""
	}
	day, at, ok := strings.Cut(lines[0], "\t")
	if n, err := strconv.Atoi(day); !ok || err != nil || n != dayNumber(s.now, s.c.o.Location) {
		return ""
	}
	if u, err := url.Parse(at); err != nil || u.Host != s.site.Host {
		return ""
	}
	return at
}

// keepHomeAt remembers where the home page answered when asked at raw: a
// redirect within the site is kept for today; the memory this crawl used
// is kept as it was.
func (s *session) keepHomeAt(raw, siteRaw, final string) {
	if raw != siteRaw {
		if v, ok := s.t.Validators[homeAtKey(s.site)]; ok && final == raw {
			s.res.Validators = append(s.res.Validators, v)
		}
		return
	}
	if u, err := url.Parse(final); err == nil && final != raw && u.Host == s.site.Host {
		s.keepLines(homeAtKey(s.site), []string{strconv.Itoa(dayNumber(s.now, s.c.o.Location)) + "\t" + final})
	}
}
