// Package metricstest builds a fixed, realistic sitewatch state for tests of
// the metrics exposition, the Grafana dashboard and the alert rules: three
// enabled units (one meets its quota but its certificate expires in 10 days,
// one is stale, missed October and is short in November, one is down) and a
// retired unit, seen at 2026-11-25 10:00 in Asia/Ho_Chi_Minh.
// Posts go through evaluation.Compute, the same path as serve.
package metricstest

import (
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/metrics"
	"sitewatch/store"
)

//go:embed testdata/sites.yaml
var sitesYAML []byte

// Now is the fixed time of the fixture: 2026-11-25T10:00:00+07:00.
func Now() time.Time { return time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC) }

// Config parses the fixture registry.
func Config() (*config.Config, error) {
	return config.Parse("metricstest/sites.yaml", sitesYAML)
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err) // fixed literals below
	}
	return t
}

// Posts are the fixture's posts of every unit.
func Posts() []store.Post {
	p := func(unit, pub string, images, captioned int, flags map[string]string) store.Post {
		return store.Post{UnitID: unit, URL: "https://example.vn/" + unit + "/" + pub, Published: at(pub),
			Images: images, CaptionedImages: captioned, Status: store.StatusLive, Flags: flags}
	}
	return []store.Post{
		p("pgd-cujut", "2026-09-10T08:00:00+07:00", 2, 2, nil),
		p("pgd-cujut", "2026-10-05T08:00:00+07:00", 3, 3, nil),
		// 23:50 local on 31 October is October (16:50 UTC).
		p("pgd-cujut", "2026-10-31T23:50:00+07:00", 4, 2, nil),
		p("pgd-cujut", "2026-11-03T09:30:00+07:00", 5, 4, nil),
		p("pgd-cujut", "2026-11-18T15:00:00+07:00", 0, 0, nil),
		p("thpt-lequydon", "2026-09-15T08:00:00+07:00", 6, 1, nil),
		// Sent by pgd-cujut to the portal (a contribution of this month).
		contributed(p("phong-ktkd", "2026-11-20T14:00:00+07:00", 1, 1, nil), "pgd-cujut"),
		p("phong-ktkd", "2026-10-02T14:00:00+07:00", 0, 0, map[string]string{"copied": "trùng bài 2026-10-01"}),
		p("pgd-daksong", "2025-06-20T08:00:00+07:00", 1, 1, nil),
	}
}

// contributed marks p as sent by unit (an attributed post of a portal).
func contributed(p store.Post, unit string) store.Post {
	p.ContributedBy, p.AttributionText, p.AttributionFound = unit, "Tin, ảnh: Phòng GD&ĐT huyện Cư Jút", "byline"
	return p
}

// Crawls returns the newest crawl of each unit for round 1 or 2: round 2 is
// a later crawl of every unit (new ids), so counters grow between them.
func Crawls(round int) map[string]store.Crawl {
	now := Now()
	base := int64(100 * round)
	start := now.Add(-time.Duration(3-round) * 12 * time.Hour).Add(-time.Hour)
	return map[string]store.Crawl{
		"pgd-cujut": {ID: base + 1, UnitID: "pgd-cujut", Started: start, Finished: start.Add(95 * time.Second),
			Outcome: store.OutcomeOK, Requests: 51, HTTPStatus: 200, PostsFound: 4, PostsNew: round,
			FinalURL: "https://pgdcujut.edu.vn/", TLSExpiry: now.Add(10 * 24 * time.Hour),
			Codes: map[int]int{200: 40, 304: 10, 404: 1},
			Sections: map[string]string{"gioi_thieu": "https://pgdcujut.edu.vn/gioi-thieu", "lien_he": "https://pgdcujut.edu.vn/lien-he",
				"tin_tuc": "https://pgdcujut.edu.vn/tin-tuc", "van_ban": "https://pgdcujut.edu.vn/van-ban",
				"tuyen_sinh": "https://pgdcujut.edu.vn/tuyen-sinh", "gop_y": "https://pgdcujut.edu.vn/gop-y",
				"cong_khai": "https://pgdcujut.edu.vn/cong-khai", "thu_tuc": "https://pgdcujut.edu.vn/tthc",
				"footer_responsible": "https://pgdcujut.edu.vn/", "footer_address": "https://pgdcujut.edu.vn/",
				"footer_phone": "https://pgdcujut.edu.vn/", "footer_email": "https://pgdcujut.edu.vn/"}},
		"thpt-lequydon": {ID: base + 2, UnitID: "thpt-lequydon", Started: start, Finished: start.Add(40 * time.Second),
			Outcome: store.OutcomePartial, Requests: 20, HTTPStatus: 200, PostsFound: 1, ErrorReason: "robots", RobotsBlocked: true,
			FinalURL: "http://thptlequydon.edu.vn/", Codes: map[int]int{200: 18, 500: 2},
			Sections: map[string]string{"gioi_thieu": "http://thptlequydon.edu.vn/gioi-thieu", "cong_khai": ""}},
		"phong-ktkd": {ID: base + 3, UnitID: "phong-ktkd", Started: start, Finished: start.Add(20 * time.Second),
			Outcome: store.OutcomeFailed, Requests: 1, ErrorReason: "timeout", Error: "context deadline exceeded",
			Codes: map[int]int{0: 1}},
	}
}

// Facts returns the registry and the stored facts of round 1 or 2.
func Facts(round int) (*config.Config, evaluation.Facts, error) {
	cfg, err := Config()
	if err != nil {
		return nil, evaluation.Facts{}, fmt.Errorf("metricstest: %w", err)
	}
	latest := Crawls(round)
	return cfg, evaluation.Facts{
		Posts:  Posts(),
		Latest: latest,
		LastSuccess: map[string]time.Time{
			"pgd-cujut":     latest["pgd-cujut"].Finished,
			"thpt-lequydon": latest["thpt-lequydon"].Finished,
			"phong-ktkd":    Now().Add(-50 * time.Hour),
		},
	}, nil
}

// Snapshot evaluates f at Now, as serve does after a crawl run, and builds
// the metrics snapshot of that evaluation.
func Snapshot(cfg *config.Config, f evaluation.Facts) *metrics.Snapshot {
	ev := evaluation.Compute(cfg, f, Now(), evaluation.Options{})
	return metrics.BuildSnapshot(ev, f.Latest["pgd-cujut"].Finished)
}

// Round returns the metrics snapshot of round 1 or 2.
func Round(round int) (*metrics.Snapshot, error) {
	cfg, f, err := Facts(round)
	if err != nil {
		return nil, err
	}
	return Snapshot(cfg, f), nil
}

// Register builds metrics on reg and feeds them rounds 1 and 2 and a
// successful configuration load, as serve would after two crawl runs.
func Register(reg prometheus.Registerer) (*metrics.Metrics, error) {
	m := metrics.New(reg)
	m.SetConfigReload(true, Now().Add(-48*time.Hour))
	// Notices of the month: Khối 1's delivered, Khối THPT's given up.
	m.NotifyBlocks([]string{"Khối 1", "Khối THPT"})
	m.NotifyResult("Khối 1", nil, Now().Add(-22*24*time.Hour))
	m.NotifyResult("Khối THPT", errors.New("notify: smtp: 451 thử lại sau"), Now().Add(-22*24*time.Hour))
	for round := 1; round <= 2; round++ {
		snap, err := Round(round)
		if err != nil {
			return nil, err
		}
		m.Update(snap)
	}
	return m, nil
}

// Handler serves the fixture's /metrics exposition on a fresh registry.
func Handler() (http.Handler, error) {
	reg := prometheus.NewRegistry()
	if _, err := Register(reg); err != nil {
		return nil, err
	}
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}), nil
}
