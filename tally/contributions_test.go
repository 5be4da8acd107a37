package tally

import (
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/store"
)

func TestComputeContributions(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("test.yaml", []byte(`
kinds:
  phong_gddt: {name: "Phòng GD&ĐT", monthly_quota: 2, monthly_contribution_quota: 2}
  truc_thuoc: {name: "Đơn vị trực thuộc", monthly_quota: 1}
  so: {name: "Sở"}
units:
  - {id: so, name: "Sở GD&ĐT", kind: so, url: "http://so.example/", portal: true}
  - {id: pgd, name: "Phòng GD&ĐT A", kind: phong_gddt, url: "http://a.example/", exemptions: ["2026-09"]}
  - {id: thpt, name: "THPT B", kind: truc_thuoc, url: "http://b.example/"}
`))
	if err != nil {
		t.Fatal(err)
	}
	loc := cfg.Location
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	posts := []store.Post{
		{UnitID: "so", URL: "1", Published: at("2026-10-31 23:50"), ContributedBy: "pgd", Images: 3, CaptionedImages: 1}, // October in +07
		{UnitID: "so", URL: "2", Published: at("2026-11-01 00:10"), ContributedBy: "pgd", Images: 2, CaptionedImages: 2},
		{UnitID: "so", URL: "3", Published: at("2026-11-02 08:00"), ContributedBy: "pgd", Flags: map[string]string{store.FlagExcluded: "tin trùng"}},
		{UnitID: "so", URL: "4", Published: at("2026-10-05 08:00"), ContributedBy: "thpt", Images: 1, Status: store.StatusGone},
		{UnitID: "so", URL: "5", Published: at("2026-10-06 08:00")},                         // nobody can tell: not counted
		{UnitID: "so", URL: "6", Published: at("2026-09-06 08:00"), ContributedBy: "pgd"},   // exempt month
		{UnitID: "thpt", URL: "7", Published: at("2026-10-07 08:00"), ContributedBy: "pgd"}, // not a portal: not a contribution
		{UnitID: "so", URL: "8", Published: at("2026-10-08 08:00"), ContributedBy: "so"},    // the Sở's own post
	}
	now := at("2026-11-03 10:00")
	p, err := ParseRange("2026-09-01", "2026-11-30", loc)
	if err != nil {
		t.Fatal(err)
	}
	cs := ComputeContributions(cfg, posts, p, now)
	so, pgd, thpt := cs[0], cs[1], cs[2]
	if pgd.Total != 3 || pgd.Images != 5 || pgd.CaptionedImages != 3 || len(pgd.Items) != 3 || pgd.Items[0].URL != "6" {
		t.Errorf("pgd: total %d images %d captioned %d items %d", pgd.Total, pgd.Images, pgd.CaptionedImages, len(pgd.Items))
	}
	want := []struct {
		posts  int
		state  string
		needed int
	}{{1, StateExempt, 0}, {1, StateMissed, 1}, {1, StatePending, 1}}
	for i, w := range want {
		if m := pgd.Months[i]; m.Posts != w.posts || m.State != w.state || m.Needed != w.needed || m.Quota != 2 {
			t.Errorf("pgd %s: %d posts %s needed %d quota %d, want %+v", m.Month, m.Posts, m.State, m.Needed, m.Quota, w)
		}
	}
	if thpt.Total != 1 || thpt.Months[1].State != StateNoQuota {
		t.Errorf("thpt: %+v", thpt)
	}
	if so.Total != 1 {
		t.Errorf("so's own posts: %d, want 1", so.Total)
	}
}
