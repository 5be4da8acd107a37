package crawler

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Pages that failed. A listed page that answered a server error or no
// answer (5xx, a timeout, a reset) was not read, so the next crawl does not
// know it: on a site with a page that keeps failing, every re-crawl saw an
// unknown link on the home page or in the feed and ran a full discovery
// (10-14 requests on an unchanged site instead of 3). A failed page is
// therefore remembered with the local day it failed: on that day a link to
// it is no evidence that the site changed, and from the next day on it is
// unknown again, so the first crawl of a later day retries it (by the full
// discovery it then starts), as slot rechecks ask a known post at most once
// a day.

// failedKey is the pseudo-URL under which a site's failed pages are stored.
func failedKey(site *url.URL) string { return stateKey(site, "failed") }

// loadFailed reads the pages that failed in earlier crawls: key -> local day number.
func (s *session) loadFailed() {
	s.failedBefore = map[string]int{}
	for _, line := range s.keptLines(failedKey(s.site)) {
		day, k, ok := strings.Cut(line, "\t")
		if n, err := strconv.Atoi(day); ok && err == nil && k != "" {
			s.failedBefore[k] = n
		}
	}
}

// noteFailed records that the page at raw failed in this crawl.
func (s *session) noteFailed(raw string) {
	if s.failed == nil {
		s.failed = map[string]bool{}
	}
	s.failed[key(raw)] = true
}

// failedToday reports a page that failed earlier on the crawl's local day.
func (s *session) failedToday(k string) bool {
	d, ok := s.failedBefore[k]
	return ok && d == dayNumber(s.now, s.c.o.Location)
}

// saveFailed stores the pages that failed in this crawl, with today's
// number, and those that failed earlier today and this crawl did not ask
// again; it writes an empty set over a stored one so that a page read
// since is forgotten.
func (s *session) saveFailed() {
	today := dayNumber(s.now, s.c.o.Location)
	out := map[string]int{}
	for k := range s.failed {
		out[k] = today
	}
	for k, d := range s.failedBefore {
		if _, again := out[k]; !again && d == today && !s.fetched[k] {
			out[k] = d
		}
	}
	if len(out) == 0 && len(s.failedBefore) == 0 {
		return
	}
	lines := make([]string, 0, len(out))
	for k, d := range out {
		lines = append(lines, strconv.Itoa(d)+"\t"+k)
	}
	sort.Strings(lines)
	if len(lines) > s.lim.MaxSeen {
		lines = lines[:s.lim.MaxSeen]
	}
	s.keepLines(failedKey(s.site), lines)
}
