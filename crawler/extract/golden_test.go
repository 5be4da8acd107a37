package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// golden is the expected extraction of one page, as inspect --json shows it.
type golden struct {
	Title           string   `json:"title"`
	Canonical       string   `json:"canonical"`
	Published       *string  `json:"published"`
	DateSource      string   `json:"date_source,omitempty"`
	DateRaw         string   `json:"date_raw,omitempty"`
	PageType        Type     `json:"page_type"`
	Evidence        []string `json:"evidence"`
	IsPost          bool     `json:"is_post"`
	Images          int      `json:"images"`
	CaptionedImages int      `json:"captioned_images"`
	AltImages       int      `json:"alt_images"`
	OrderVotes      OrderVotes
}

var reGoldenURL = regexp.MustCompile(`<!-- url: (\S+) -->`)

// TestGolden reads every testdata/golden/*.html page alone (in-page
// evidence only) and every page of each testdata/golden/<site>/ folder with
// the template learnt from that folder's pages, and compares the result
// with the .json file beside the page; -update rewrites them.
func TestGolden(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	lone, err := filepath.Glob(filepath.Join("testdata", "golden", "*.html"))
	if err != nil || len(lone) == 0 {
		t.Fatalf("no golden pages: %v", err)
	}
	for _, f := range lone {
		checkGolden(t, f, nil, loc, now)
	}
	sites, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.html"))
	bySite := map[string][]string{}
	for _, f := range sites {
		bySite[filepath.Dir(f)] = append(bySite[filepath.Dir(f)], f)
	}
	for _, pages := range bySite {
		tpl := NewTemplate()
		for _, f := range pages {
			tpl.Learn(parse(t, string(readFile(t, f))))
		}
		for _, f := range pages {
			checkGolden(t, f, tpl, loc, now)
		}
	}
}

func readFile(t *testing.T, f string) []byte {
	t.Helper()
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func checkGolden(t *testing.T, f string, tpl *Template, loc *time.Location, now time.Time) {
	t.Helper()
	b := readFile(t, f)
	m := reGoldenURL.FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s: no <!-- url: … --> line", f)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	p := FromDocument(doc, string(m[1]), Options{Location: loc, Now: now, Template: tpl})
	g := golden{Title: p.Title, Canonical: p.Canonical, DateSource: p.Date.Source, DateRaw: p.Date.Raw, PageType: p.Type, Evidence: p.Evidence,
		IsPost: p.IsPost, Images: p.Images, CaptionedImages: p.CaptionedImages, AltImages: p.AltImages, OrderVotes: p.OrderVotes}
	if !p.Date.IsZero() {
		s := p.Date.Time.In(loc).Format(time.RFC3339)
		g.Published = &s
	}
	got, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	want := strings.TrimSuffix(f, ".html") + ".json"
	if *update {
		if err := os.WriteFile(want, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	exp, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("%s (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, exp) {
		t.Errorf("%s: extraction differs from %s (go test -run Golden -update rewrites it):\n%s", f, want, got)
	}
}
