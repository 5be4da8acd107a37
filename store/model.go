package store

import "time"

// Post statuses.
const (
	StatusLive = "live"
	StatusGone = "gone"
)

// Unit is a unit as recorded in the database (mirrors sites.yaml).
type Unit struct {
	ID, Name, Kind, Block, URL string
	Enabled, Retired           bool
}

// Post is one post of a unit, keyed by its canonical URL.
type Post struct {
	ID     int64
	UnitID string
	URL    string
	Title  string
	// Published is zero when no date was found.
	Published time.Time
	// DateSource says where the date came from ("json-ld datePublished", "feed pubDate" …).
	DateSource string
	// DateRaw is the text the date was read from.
	DateRaw string
	// FoundVia says how the post was discovered (feed, sitemap or listing URL).
	FoundVia        string
	FirstSeen       time.Time
	LastSeen        time.Time
	Images          int
	CaptionedImages int
	// AltImages counts images with an alt text but no visible caption.
	AltImages   int
	ContentHash string
	BodyChars   int
	Status      string
	GoneSince   time.Time
	// Checked is when the post's page last answered (fetched by discovery or
	// by a liveness recheck, 200/304 or 404/410); zero if never since it was
	// first seen (the recheck then counts from FirstSeen).
	Checked time.Time
	// Flags are trust signals by key, each with its detail: the keys and
	// their value shapes are the Flag* constants of flags.go.
	Flags map[string]string
	// ContributedBy is, for a post of a portal unit, the id of the unit that
	// sent it ("" when nobody can tell). The office's attribute override wins.
	ContributedBy string
	// AttributionText is the signature read on the page ("Tin, ảnh: Trường THPT …").
	AttributionText string
	// AttributionFound says where: byline, author, source, title, or office
	// (assigned by an override).
	AttributionFound string
}

// Crawl is one crawl of one unit.
type Crawl struct {
	ID          int64
	UnitID      string
	Started     time.Time
	Finished    time.Time
	Outcome     string // ok, partial, failed
	Requests    int
	NotModified int
	Bytes       int64
	PostsFound  int
	PostsNew    int
	HTTPStatus  int
	Error       string
	// ErrorReason is a short machine label: dns, refused, timeout, tls, http_5xx, robots, ...
	ErrorReason   string
	TLSExpiry     time.Time
	TLSError      string
	RobotsBlocked bool
	FinalURL      string
	// Codes counts responses by HTTP status code (0 for transport errors).
	Codes map[int]int
	// Rechecks is how many known posts' pages were requested to check that
	// they still exist (included in Requests).
	Rechecks int
	// RechecksDeferred is how many known posts were due for a recheck but
	// left to the next crawl by the per-crawl limit.
	RechecksDeferred int
	// Sections maps a required-section id to the page where it was found
	// (or "" when looked for and missing), and the Section* keys of
	// flags.go (footer, sitemap.xml, moved_to, compromised) to their values.
	Sections map[string]string
}

// Crawl outcomes.
const (
	OutcomeOK      = "ok"
	OutcomePartial = "partial"
	OutcomeFailed  = "failed"
)

// Validator is the HTTP validators and cached payload of one fetched document.
type Validator struct {
	URL          string
	ETag         string
	LastModified string
	// Payload is what the crawler derived from the document (e.g. the links of a listing).
	Payload []byte
}

// CrawlResult is everything one unit crawl writes, in one transaction.
type CrawlResult struct {
	Crawl Crawl
	// Posts were found (or confirmed) in this crawl.
	Posts []Post
	// Gone lists canonical URLs confirmed gone (404/410) in this crawl.
	Gone []string
	// Validators to remember for conditional GET next time.
	Validators []Validator
}

// SaveSummary says what SaveCrawl changed.
type SaveSummary struct {
	New     int
	Updated int
	// Gone is how many live posts were marked gone.
	Gone int
	// Revived is how many gone posts were found live again.
	Revived int
}
