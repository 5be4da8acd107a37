package crawler

import (
	"net/url"

	"sitewatch/crawler/discover"
)

// defaultSiteLang is the language of a unit's website whose home page
// declares none: the units' websites are Vietnamese.
const defaultSiteLang = "vi"

// translationOf returns the page in the site's own language of which the
// page read at pageURL (declaring canonical) is a translation: the page
// names, among its language versions, another page for the site's
// language. Templates that declare no language, or declare the site's
// language on every page (lang="vi" on an English page), hide a
// translation from the html lang; its hreflang versions still name the
// original. The original is not taken when it is the home page (a
// template may name it on every page), nor when it was itself judged a
// translation (two spellings of one page naming each other).
func (s *session) translationOf(pg *discover.Page, pageURL, canonical string) (string, bool) {
	lang := s.lang
	if lang == "" {
		lang = defaultSiteLang
	}
	orig := pg.Versions[lang]
	if orig == "" {
		return "", false
	}
	u, err := url.Parse(orig)
	if err != nil || !SameSite(u, s.site) {
		return "", false
	}
	orig = s.withoutSession(orig)
	ok := key(orig)
	for _, self := range []string{pageURL, canonical} {
		if self != "" && key(s.withoutSession(self)) == ok {
			return "", false
		}
	}
	if ok == key(s.abs("/")) || s.translated[ok] {
		return "", false
	}
	return orig, true
}

// readOriginal marks the page at pageURL a translation of orig and reads
// orig as the walk reads a listed link, unless it was read already: the
// post is counted once, from its own page.
func (s *session) readOriginal(pageURL, orig string, via discover.Via) {
	if s.translated == nil {
		s.translated = map[string]bool{}
	}
	s.translated[key(pageURL)] = true
	s.linkPost(discover.Link{URL: orig}, via)
}
