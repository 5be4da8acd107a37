package crawler

import (
	"encoding/json"
	"net/http"

	"sitewatch/store"
)

// feedItemsKey is the pseudo-URL under which what a feed listed is kept
// for the next crawl, beside the feed's own validator.
func feedItemsKey(feed string) string { return feed + "#sitewatch-feed-items" }

// keptFeed is what a feed listed, and the stored body it was read from
// (a hash of the feed validator's payload).
type keptFeed struct {
	Of    string     `json:"of"`
	Title string     `json:"title"`
	Items []feedItem `json:"items"`
}

// readFeed fetches a feed with its validators and parses it. A feed
// answered 304 is the body the previous crawl kept, and what that body
// listed was kept with it: it is taken as it was, not parsed again (a
// fifth of an unchanged re-crawl's CPU was the parsing of 304'd feeds).
// r is the response (nil on a transport error); err is the fetch's or
// the parser's.
func (s *session) readFeed(fu string) (title string, items []feedItem, r *Response, err error) {
	r, err = s.get(fu, fu, true)
	if err != nil || r.Status != http.StatusOK {
		return "", nil, r, err
	}
	v, stored := s.storedValidator(fu)
	of := ""
	if stored {
		of = bodyPrint(v)
	}
	if r.NotModified && stored {
		if kv, ok := s.t.Validators[feedItemsKey(fu)]; ok {
			var kf keptFeed
			if json.Unmarshal(kv.Payload, &kf) == nil && kf.Of == of {
				s.res.Validators = append(s.res.Validators, kv)
				return kf.Title, kf.Items, r, nil
			}
		}
	}
	if r, err = s.keptBody(r, fu, fu); err != nil || r.Status != http.StatusOK {
		return "", nil, r, err
	}
	title, items, err = parseFeed(r.Body)
	if err != nil || !stored {
		return title, items, r, err
	}
	if b, jerr := json.Marshal(keptFeed{Of: of, Title: title, Items: items}); jerr == nil {
		s.res.Validators = append(s.res.Validators, store.Validator{URL: feedItemsKey(fu), ETag: v.ETag, LastModified: v.LastModified, Payload: b})
	}
	return title, items, r, nil
}

// storedValidator is the validator this crawl stores for raw (the last
// one fetch recorded), if any.
func (s *session) storedValidator(raw string) (store.Validator, bool) {
	for i := len(s.res.Validators) - 1; i >= 0; i-- {
		if v := s.res.Validators[i]; v.URL == raw {
			return v, len(v.Payload) > 0
		}
	}
	return store.Validator{}, false
}
