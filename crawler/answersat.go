package crawler

import (
	"net/url"
	"sort"
	"strings"
)

// Where a post answers. A post is stored under its canonical URL, which
// drops a trailing slash; a site whose pages live at the slash form (a
// WordPress permalink) answered every recheck of the stored URL with a 301
// to the page, two requests where one does. The URL a post's page last
// answered 200 at, when it is not the stored one, is therefore kept for the
// next crawl (as the page was read by discovery, or as a recheck followed
// a redirect), and rechecks ask it; one that no longer answers is followed
// by the stored URL, so a page that moved back is not taken for gone.

// answersAtKey is the pseudo-URL under which the posts' URLs are kept.
func answersAtKey(site *url.URL) string { return stateKey(site, "at") }

func (s *session) loadAnswersAt() {
	s.answersAt = map[string]string{}
	for _, line := range s.keptLines(answersAtKey(s.site)) {
		if post, at, ok := strings.Cut(line, "\t"); ok && post != "" && at != "" {
			s.answersAt[post] = at
		}
	}
}

// noteAnswersAt records that the post stored as postURL answered at final.
func (s *session) noteAnswersAt(postURL, final string) {
	if final == postURL || final == "" {
		delete(s.answersAt, postURL)
		return
	}
	if u, err := url.Parse(final); err == nil && SameSite(u, s.site) {
		s.answersAt[postURL] = final
	}
}

// saveAnswersAt keeps the URLs of the crawl's posts.
func (s *session) saveAnswersAt() {
	var lines []string
	for _, p := range s.posts {
		if at, ok := s.answersAt[p.URL]; ok {
			lines = append(lines, p.URL+"\t"+at)
		}
	}
	if len(lines) == 0 {
		return
	}
	sort.Strings(lines)
	s.keepLines(answersAtKey(s.site), lines)
}
