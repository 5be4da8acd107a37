package checks

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitewatch/store"
	"sitewatch/tally"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update after checking the change):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// fixtureRows evaluates every check for the three units of testdata/sites.yaml.
func fixtureRows(t *testing.T) []UnitResults {
	t.Helper()
	cfg := loadConfig(t)
	now := at(t, "2026-11-25T10:00:00+07:00")
	posts := []store.Post{
		post(t, "pgd-cujut", "2026-11-03T08:00:00+07:00", 4, 4),
		post(t, "pgd-cujut", "2026-11-20T08:00:00+07:00", 2, 2),
		post(t, "thpt-lequydon", "2026-10-01T08:00:00+07:00", 6, 1),
		post(t, "phong-ktkd", "2026-11-24T08:00:00+07:00", 0, 0),
	}
	crawls := map[string]*store.Crawl{}
	for _, u := range cfg.Units {
		c := okCrawl(u.ID, now)
		c.TLSExpiry = now.Add(90 * 24 * time.Hour)
		c.Sections = map[string]string{}
		for _, r := range cfg.KindOf(u).Required {
			c.Sections[r.ID] = u.URL + r.ID
		}
		crawls[u.ID] = c
	}
	crawls["thpt-lequydon"].FinalURL = "http://thptlequydon.edu.vn/"
	crawls["thpt-lequydon"].TLSExpiry = time.Time{}
	crawls["thpt-lequydon"].Sections["cong_khai"] = ""
	crawls["phong-ktkd"].Outcome = store.OutcomeFailed
	crawls["phong-ktkd"].ErrorReason = "timeout"
	crawls["phong-ktkd"].Sections = nil
	var rows []UnitResults
	for _, u := range cfg.Units {
		in := input(t, cfg, u.ID, "2026-11", now, posts, crawls[u.ID])
		if u.ID == "phong-ktkd" {
			in.LastSuccess = at(t, "2026-11-23T18:40:00+07:00")
		}
		rows = append(rows, UnitResults{Unit: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, Results: Evaluate(in)})
	}
	return rows
}

func TestWriteTable(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteTable(&buf, fixtureRows(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.golden", buf.Bytes())
}

func TestWriteTableAllOK(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	rows := []UnitResults{{Unit: "a", Kind: "k", Results: []Result{{Check: "quota", OK: true, State: StateOK, Reason: "Đạt"}}}}
	if err := WriteTable(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("Tất cả các đơn vị đạt")) {
		t.Errorf("table without failures lacks the all-ok line:\n%s", buf.String())
	}
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	rows := fixtureRows(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rows); err != nil {
		t.Fatal(err)
	}
	golden(t, "check.golden.json", buf.Bytes())
	var back []UnitResults
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 3 || back[0].Unit != "pgd-cujut" || len(back[0].Results) != len(Names()) {
		t.Errorf("round trip lost data: %+v", back)
	}
	buf.Reset()
	if err := WriteJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Errorf("WriteJSON(nil) = %q, %v; want []", buf.String(), err)
	}
}

func TestEvaluateAllMatchesEvaluate(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t)
	now := at(t, "2026-11-25T10:00:00+07:00")
	posts := []store.Post{post(t, "pgd-cujut", "2026-11-03T08:00:00+07:00", 1, 1)}
	mp, qp := tally.MonthOf(now, cfg.Location), tally.QuarterOf(now, cfg.Location)
	latest := map[string]store.Crawl{"pgd-cujut": *okCrawl("pgd-cujut", now)}
	rows := EvaluateAll(Facts{Config: cfg, Month: tally.Compute(cfg, posts, nil, mp, now), Quarter: tally.Compute(cfg, posts, nil, qp, now),
		Latest: latest, LastSuccess: map[string]time.Time{"pgd-cujut": latest["pgd-cujut"].Finished}, Now: now})
	if len(rows) != 3 || rows[0].Unit != "pgd-cujut" || rows[0].Block != "Khối 1" {
		t.Fatalf("rows = %+v", rows)
	}
	want := Evaluate(input(t, cfg, "pgd-cujut", "2026-11", now, posts, okCrawl("pgd-cujut", now)))
	got := ByUnit(rows)["pgd-cujut"]
	for i := range want {
		if got[i].State != want[i].State || got[i].Reason != want[i].Reason {
			t.Errorf("%s: EvaluateAll says %s %q, Evaluate says %s %q", want[i].Check, got[i].State, got[i].Reason, want[i].State, want[i].Reason)
		}
	}
	if r := ByUnit(rows)["phong-ktkd"]; r[3].State != StateUnknown {
		t.Errorf("never crawled unit: site state %s, want unknown", r[3].State)
	}
}
