package evaluation

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/store"
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

func loadConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Load("testdata/sites.yaml")
	if err != nil {
		t.Fatalf("load config: %v", err)
	}
	return cfg
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

func post(t *testing.T, unit, pub string, images, captioned int) store.Post {
	t.Helper()
	return store.Post{UnitID: unit, URL: "https://example.vn/" + unit + "/" + pub, Published: at(t, pub),
		Images: images, CaptionedImages: captioned, Status: store.StatusLive}
}

// fixture is three units at 25/11/2026 10:00: one meets every rule, one
// missed October's quota with few captions and lacks a section, one is down.
func fixture(t *testing.T) (*config.Config, Facts, time.Time) {
	t.Helper()
	cfg := loadConfig(t)
	now := at(t, "2026-11-25T10:00:00+07:00")
	f := Facts{
		Posts: []store.Post{
			post(t, "pgd-cujut", "2026-10-03T08:00:00+07:00", 2, 2),
			post(t, "pgd-cujut", "2026-10-13T08:00:00+07:00", 2, 2),
			post(t, "pgd-cujut", "2026-11-03T08:00:00+07:00", 4, 4),
			post(t, "pgd-cujut", "2026-11-20T08:00:00+07:00", 2, 2),
			post(t, "thpt-lequydon", "2026-11-01T08:00:00+07:00", 6, 1),
			post(t, "phong-ktkd", "2026-11-24T08:00:00+07:00", 0, 0),
		},
		Latest:      map[string]store.Crawl{},
		LastSuccess: map[string]time.Time{},
	}
	for _, u := range cfg.Units {
		if !u.IsEnabled() {
			continue
		}
		c := store.Crawl{UnitID: u.ID, Started: now.Add(-time.Hour), Finished: now.Add(-50 * time.Minute),
			Outcome: store.OutcomeOK, HTTPStatus: 200, FinalURL: u.URL, TLSExpiry: now.Add(90 * 24 * time.Hour), Sections: map[string]string{}}
		for _, r := range cfg.KindOf(u).Required {
			c.Sections[r.ID] = u.URL + r.ID
		}
		f.Latest[u.ID] = c
		f.LastSuccess[u.ID] = c.Finished
	}
	l := f.Latest["thpt-lequydon"]
	l.TLSExpiry = time.Time{}
	l.Sections["cong_khai"] = ""
	f.Latest["thpt-lequydon"] = l
	d := f.Latest["phong-ktkd"]
	d.Outcome, d.ErrorReason, d.Sections, d.HTTPStatus = store.OutcomeFailed, "timeout", nil, 0
	f.Latest["phong-ktkd"] = d
	f.LastSuccess["phong-ktkd"] = at(t, "2026-11-23T18:40:00+07:00")
	return cfg, f, now
}

func TestWriteTable(t *testing.T) {
	t.Parallel()
	cfg, f, now := fixture(t)
	var buf bytes.Buffer
	if err := WriteTable(&buf, Compute(cfg, f, now, Options{})); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.golden", buf.Bytes())
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	cfg, f, now := fixture(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Compute(cfg, f, now, Options{})); err != nil {
		t.Fatal(err)
	}
	golden(t, "check.golden.json", buf.Bytes())
	var back []Row
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 3 || back[0].Unit != "pgd-cujut" || len(back[0].Checks) != len(config.CheckNames) {
		t.Errorf("round trip lost data (or listed the retired unit): %+v", back)
	}
	buf.Reset()
	if err := WriteJSON(&buf, Compute(cfg, Facts{}, now, Options{Unit: "nope"})); err != nil || buf.String() != "[]\n" {
		t.Errorf("WriteJSON(no units) = %q, %v; want []", buf.String(), err)
	}
}
