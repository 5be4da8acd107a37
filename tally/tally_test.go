package tally

import (
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/store"
)

func testConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Parse("test.yaml", []byte(`
kinds:
  phong_gddt: {name: "Phòng GD&ĐT", monthly_quota: 2, stale_after_days: 20}
  truc_thuoc: {name: "Đơn vị trực thuộc", monthly_quota: 1, exemptions: ["2026-07"]}
units:
  - {id: pgd, name: "Phòng GD&ĐT A", kind: phong_gddt, url: "http://a.example/"}
  - {id: thpt, name: "THPT B", kind: truc_thuoc, url: "http://b.example/"}
`))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestComputeMonthBoundaryAndStates(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	loc := cfg.Location
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	posts := []store.Post{
		{UnitID: "pgd", URL: "1", Published: at("2026-10-31 23:50"), Images: 3, CaptionedImages: 1}, // October in +07, 16:50 UTC
		{UnitID: "pgd", URL: "2", Published: at("2026-11-01 00:10"), Images: 2, CaptionedImages: 2}, // November in +07, still 31 Oct in UTC
		{UnitID: "pgd", URL: "3", Published: at("2026-11-02 08:00"), Flags: map[string]string{"excluded": "test"}},
		{UnitID: "thpt", URL: "4", Published: at("2026-10-05 08:00"), Status: store.StatusGone}, // gone posts still count
		{UnitID: "thpt", URL: "5", Published: time.Time{}},                                      // undated: not counted
	}
	now := at("2026-11-01 00:30") // October just closed
	q := QuarterOf(now, loc)
	units := Compute(cfg, posts, nil, q, now)
	pgd, thpt := units[0], units[1]
	if got := []int{pgd.Months[0].Posts, pgd.Months[1].Posts, pgd.Months[2].Posts}; got[0] != 1 || got[1] != 1 || got[2] != 0 {
		t.Fatalf("pgd months = %v, want [1 1 0]", got)
	}
	if pgd.Months[0].State != StateMissed || pgd.Months[0].Needed != 1 {
		t.Errorf("October: %s needed %d, want missed 1", pgd.Months[0].State, pgd.Months[0].Needed)
	}
	if pgd.Months[1].State != StatePending || pgd.Months[1].Needed != 1 {
		t.Errorf("November: %s, want pending", pgd.Months[1].State)
	}
	if pgd.Months[2].State != StateUpcoming {
		t.Errorf("December: %s, want upcoming (not begun)", pgd.Months[2].State)
	}
	if pgd.Images != 5 || pgd.CaptionedImages != 3 {
		t.Errorf("images %d/%d, want 5/3", pgd.Images, pgd.CaptionedImages)
	}
	if thpt.Months[0].State != StateMet || thpt.Total != 1 {
		t.Errorf("thpt October %s total %d, want met 1", thpt.Months[0].State, thpt.Total)
	}
	// Exempt month.
	jul, _ := ParseMonth("2026-07", loc)
	u := Compute(cfg, nil, nil, jul, now)
	if u[1].Months[0].State != StateExempt || u[0].Months[0].State != StateMissed {
		t.Errorf("July: thpt %s pgd %s", u[1].Months[0].State, u[0].Months[0].State)
	}
}

func TestParsePeriods(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	for _, s := range []string{"2026Q4", "2026-Q4", "q4-2026"} {
		p, err := ParseQuarter(s, loc)
		if err != nil || p.Label != "2026Q4" || len(p.Months()) != 3 || p.Months()[0] != "2026-10" {
			t.Errorf("ParseQuarter(%q) = %+v, %v", s, p, err)
		}
	}
	for _, bad := range []string{"2026Q5", "Q", "2026-13"} {
		if _, err := ParseQuarter(bad, loc); err == nil {
			t.Errorf("ParseQuarter(%q): want error", bad)
		}
	}
	r, err := ParseRange("2026-10-15", "2026-11-14", loc)
	if err != nil || len(r.Months()) != 2 {
		t.Errorf("range: %+v %v", r, err)
	}
}
