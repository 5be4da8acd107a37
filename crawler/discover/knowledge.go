package discover

import (
	"encoding/json"
	"time"
)

// Kind is what the pages of a template are.
type Kind uint8

// Kinds of pages, decided from fetched pages by extraction and Listing.
const (
	Unknown Kind = iota
	Post
	Listing
	Other
)

func (k Kind) String() string {
	return [...]string{"unknown", "post", "listing", "other"}[k]
}

// Stat counts the fetched pages of one template by kind.
type Stat struct {
	Post     int       `json:"post,omitempty"`
	Listing  int       `json:"listing,omitempty"`
	Other    int       `json:"other,omitempty"`
	Verified time.Time `json:"verified"`
}

// Knowledge is what a crawl learned about one site's templates. The zero
// value is empty and ready to use; it is not safe for concurrent use (one
// crawl of a site at a time).
type Knowledge struct {
	Templates map[string]*Stat `json:"templates"`
	// Home are the templates the home page linked when last learned.
	Home map[string]bool `json:"home,omitempty"`
	// MarksArticles is set once the site was seen to declare its posts
	// articles (og:type, schema.org): its pages that do not are not posts.
	MarksArticles bool `json:"marks_articles,omitempty"`
	// Mixed are templates whose listings list pages of the same template
	// (categories and posts spelled alike).
	Mixed map[string]bool `json:"mixed,omitempty"`
	// Session are the site's session parameters (see Page.Session).
	Session map[string]bool `json:"session,omitempty"`
}

// AddSession records session parameters a page showed.
func (kn *Knowledge) AddSession(names map[string]bool) {
	for k := range names {
		if kn.Session == nil {
			kn.Session = map[string]bool{}
		}
		kn.Session[k] = true
	}
}

// Observe records that a fetched page of template t was of kind k at time at.
func (kn *Knowledge) Observe(t string, k Kind, at time.Time) {
	if kn.Templates == nil {
		kn.Templates = map[string]*Stat{}
	}
	s := kn.Templates[t]
	if s == nil {
		s = &Stat{}
		kn.Templates[t] = s
	}
	switch k {
	case Post:
		s.Post++
	case Listing:
		s.Listing++
	case Other:
		s.Other++
	default:
		return
	}
	s.Verified = at
}

// Samples is how many pages of template t have been typed.
func (kn *Knowledge) Samples(t string) int {
	if s := kn.Templates[t]; s != nil {
		return s.Post + s.Listing + s.Other
	}
	return 0
}

// MinSamples is how many pages of a template must have been typed before
// it is taken to hold no posts: one category page does not make listings
// of a template its posts share.
const MinSamples = 3

// Kind is the kind of template t: Post when any of its pages was a post
// (a template that holds posts is read page by page); else, once MinSamples
// pages were typed, Listing when any was a listing and Other when none
// was; else Unknown.
func (kn *Knowledge) Kind(t string) Kind {
	s := kn.Templates[t]
	switch {
	case kn.Mixed[t]:
		return Post
	case s == nil:
		return Unknown
	case s.Post > 0:
		return Post
	case s.Post+s.Listing+s.Other < MinSamples:
		return Unknown
	case s.Listing > 0:
		return Listing
	case s.Other > 0:
		return Other
	}
	return Unknown
}

// Known reports whether template t was typed before.
func (kn *Knowledge) Known(t string) bool { return kn.Samples(t) > 0 }

// Marshal encodes the knowledge for storage.
func (kn *Knowledge) Marshal() ([]byte, error) { return json.Marshal(kn) }

// Unmarshal decodes stored knowledge; bad input leaves kn empty.
func (kn *Knowledge) Unmarshal(b []byte) error {
	var k Knowledge
	if err := json.Unmarshal(b, &k); err != nil {
		return err
	}
	*kn = k
	return nil
}

// minListingItems is how many distinct links of one template, outside
// navigation, in one repeated block, make a page a listing.
const minListingItems = 3

// IsListing reports whether the links of a page that is not a post make
// it a listing: several titled links of one template outside navigation
// (a category's leading items, intro items and "more" list may sit in
// different blocks).
func IsListing(links []Link) bool {
	return maxItems(links, func(l Link) (string, bool) { return l.Template, true }) >= minListingItems
}

// maxItems is the largest number of titled links outside navigation that
// share a key; group gives a link's key, or false to leave it out.
func maxItems(links []Link, group func(Link) (string, bool)) int {
	n, most := map[string]int{}, 0
	for _, l := range links {
		if l.Nav || len([]rune(l.Text)) < MinTitleRunes {
			continue
		}
		k, ok := group(l)
		if !ok {
			continue
		}
		n[k]++
		most = max(most, n[k])
	}
	return most
}

// MinTitleRunes is the shortest anchor text read as an item's title (a
// shorter label, "Tin tức" or "Xem thêm", names a section).
const MinTitleRunes = 12

// SeenOnHome records the templates of the home page's content links, so
// that a later crawl notices a template it never showed before.
func (kn *Knowledge) SeenOnHome(links []Link) {
	if kn.Home == nil {
		kn.Home = map[string]bool{}
	}
	for _, l := range links {
		kn.Home[l.Template] = true
	}
}

// HomeKnown reports whether every template of the home page's links was
// there when the site was last learned.
func (kn *Knowledge) HomeKnown(links []Link) bool {
	if kn.Home == nil {
		return false
	}
	for _, l := range links {
		if !kn.Home[l.Template] {
			return false
		}
	}
	return true
}

// HasPosts reports whether any template is known to hold posts.
func (kn *Knowledge) HasPosts() bool {
	for _, s := range kn.Templates {
		if s.Post > 0 {
			return true
		}
	}
	return false
}

// ListsOthers reports whether a page lists, in one repeated block outside
// navigation, several titled links of one template other than own (the
// page's template). Links for which template reports true (shown on many
// pages of the site: its "Tin mới" boxes) are left out.
func ListsOthers(links []Link, own string, template func(Link) bool) bool {
	return maxItems(links, func(l Link) (string, bool) {
		return l.Block + "\x00" + l.Template, l.Template != own && !template(l)
	}) >= minListingItems
}

// Mix records that template t holds listings whose items share it.
func (kn *Knowledge) Mix(t string) {
	if kn.Mixed == nil {
		kn.Mixed = map[string]bool{}
	}
	kn.Mixed[t] = true
}

// ListsOwn reports whether a page lists several titled links of its own
// template outside navigation.
func ListsOwn(links []Link, own string) bool {
	return maxItems(links, func(l Link) (string, bool) { return own, l.Template == own }) >= minListingItems
}
