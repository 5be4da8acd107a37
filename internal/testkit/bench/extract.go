package bench

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"sort"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"sitewatch/crawler/extract"
	"sitewatch/internal/testkit/simweb"
)

// simHost is the origin post pages are rendered for (no listener needed).
const simHost = "127.0.0.1:8000"

// PostPage is one rendered post page with its truth.
type PostPage struct {
	Style string
	URL   string
	// Body is the page as the crawler reads it: UTF-8, NFC.
	Body  []byte
	Truth simweb.TruthPost
	Now   time.Time
}

// PostPages renders up to perSite post pages of every site (newest first)
// through the site's handler, without a network, decoded to UTF-8 as the
// crawler decodes them. Pages that do not answer 200 are skipped.
func PostPages(sites []*simweb.Site, perSite int) []PostPage {
	var out []PostPage
	for _, s := range sites {
		h := s.Handler()
		for i, tp := range s.Truth() {
			if perSite > 0 && i >= perSite {
				break
			}
			req := httptest.NewRequest(http.MethodGet, "http://"+simHost+tp.URL, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				continue
			}
			out = append(out, PostPage{Style: s.Style, URL: "http://" + simHost + tp.URL, Body: decodeUTF8(rec.Body.Bytes()), Truth: tp, Now: s.Now})
		}
	}
	return out
}

// decodeUTF8 mirrors the crawler's decoding for the charsets simweb serves:
// UTF-8 as is, anything else as windows-1258; NFC either way.
func decodeUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return norm.NFC.Bytes(b)
	}
	out, err := charmap.Windows1258.NewDecoder().Bytes(b)
	if err != nil {
		out = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return norm.NFC.Bytes(out)
}

// Extractor names.
const (
	ExtractorCrawler      = "crawler.Extract"
	ExtractorHTMLDate     = "go-htmldate extensive"
	ExtractorHTMLDateFast = "go-htmldate fast"
)

// ExtractScore is one extractor's speed and date accuracy on a page set.
type ExtractScore struct {
	Name  string `json:"name"`
	Pages int    `json:"pages"`
	// PerPage is the median over runs of the time per page (parsing included).
	PerPage time.Duration `json:"per_page_ns"`
	// PerPageCPU is the same in process CPU time (GC included), which other
	// processes loading the machine hardly move.
	PerPageCPU time.Duration `json:"per_page_cpu_ns"`
	// Found counts pages where a date was returned.
	Found int `json:"found"`
	// Exact counts dates equal to the truth at its precision (the minute,
	// or the day for sites that show only a day), in Asia/Ho_Chi_Minh.
	Exact int `json:"exact"`
	// Day counts dates on the right calendar day in Asia/Ho_Chi_Minh.
	Day int `json:"day"`
	// Month counts dates in the right month (what the quota counts).
	Month int `json:"month"`
	// Posts counts pages the extractor took for posts (crawler only).
	Posts int `json:"posts,omitempty"`
	// Images counts pages whose image and captioned-image counts equal the
	// truth, Alt those whose alt-only count does too (crawler only).
	Images int `json:"images,omitempty"`
	Alt    int `json:"alt,omitempty"`
	// ByStyle counts exact dates per style.
	ByStyle map[string][2]int `json:"by_style"`
}

// Rate returns n/Pages.
func (s ExtractScore) Rate(n int) float64 {
	if s.Pages == 0 {
		return 0
	}
	return float64(n) / float64(s.Pages)
}

var hcm = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("+07", 7*3600)
	}
	return loc
}()

// Dated is an extracted date: an instant (read in Asia/Ho_Chi_Minh); HasTime
// false means only its day is known.
type Dated struct {
	Time    time.Time
	HasTime bool
}

// Judge adds one page's extracted date to the score.
func (s *ExtractScore) Judge(p PostPage, d Dated) {
	if s.ByStyle == nil {
		s.ByStyle = map[string][2]int{}
	}
	bs := s.ByStyle[p.Style]
	bs[1]++
	defer func() { s.ByStyle[p.Style] = bs }()
	if d.Time.IsZero() {
		return
	}
	s.Found++
	got := d.Time.In(hcm)
	want := p.Truth.Published.In(hcm)
	sameDay := got.Format("2006-01-02") == want.Format("2006-01-02")
	if sameDay {
		s.Day++
	}
	if got.Format("2006-01") == want.Format("2006-01") {
		s.Month++
	}
	exact := sameDay
	if p.Truth.DatePrecision != "day" {
		exact = d.HasTime && got.Truncate(time.Minute).Equal(want.Truncate(time.Minute))
	}
	if exact {
		s.Exact++
		bs[0]++
	}
}

// CrawlerExtract runs extract.FromHTML on the page alone (no feed date hint),
// as the crawler does on a post page.
func CrawlerExtract(p PostPage) (*extract.Page, Dated) {
	pg := extract.FromHTML(p.Body, p.URL, extract.Options{Location: hcm, Now: p.Now})
	return pg, Dated{Time: pg.Date.Time, HasTime: !pg.Date.DayOnly}
}

// Extractor is one way to read a post page's date, for CompareExtract.
type Extractor struct {
	Name string
	// Run extracts p and, when s is not nil, adds the result to s.
	Run func(p PostPage, s *ExtractScore)
}

// CrawlerExtractor scores extract.FromHTML: date, post or not, images.
var CrawlerExtractor = Extractor{Name: ExtractorCrawler, Run: func(p PostPage, s *ExtractScore) {
	pg, d := CrawlerExtract(p)
	if s == nil {
		return
	}
	s.Judge(p, d)
	if pg.IsPost {
		s.Posts++
	}
	if pg.Images == p.Truth.Images && pg.CaptionedImages == p.Truth.CaptionedImages {
		s.Images++
	}
	if pg.AltImages == p.Truth.AltImages {
		s.Alt++
	}
}}

// CompareExtract scores every extractor on pages, then times runs passes
// over the whole set in one goroutine, the extractors interleaved page by
// page, and keeps the median time per page of each.
func CompareExtract(pages []PostPage, runs int, exs ...Extractor) []ExtractScore {
	if runs <= 0 {
		runs = 1
	}
	out := make([]ExtractScore, len(exs))
	for i, e := range exs {
		out[i] = ExtractScore{Name: e.Name, Pages: len(pages)}
		for _, p := range pages {
			e.Run(p, &out[i])
		}
	}
	// Timed passes: on each page every extractor runs in turn (the order
	// rotating), so that load from other processes hits them alike.
	times := make([][]time.Duration, len(exs))
	cpus := make([][]time.Duration, len(exs))
	for r := 0; r < runs; r++ {
		tot := make([]time.Duration, len(exs))
		cpu := make([]time.Duration, len(exs))
		for k, p := range pages {
			for j := range exs {
				i := (j + k + r) % len(exs)
				c0, start := CPUTime(), time.Now()
				exs[i].Run(p, nil)
				tot[i] += time.Since(start)
				cpu[i] += CPUTime() - c0
			}
		}
		for i := range exs {
			times[i] = append(times[i], tot[i])
			cpus[i] = append(cpus[i], cpu[i])
		}
	}
	for i := range exs {
		if len(pages) > 0 {
			out[i].PerPage = median(times[i]) / time.Duration(len(pages))
			out[i].PerPageCPU = median(cpus[i]) / time.Duration(len(pages))
		}
	}
	return out
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
