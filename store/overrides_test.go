package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestOverridesAndClaimsSurviveRestart records an override and a claim,
// closes the database, reopens it and checks that posts reflect both.
func TestOverridesAndClaimsSurviveRestart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.SyncUnits(ctx, []Unit{{ID: "u", Name: "U", Kind: "k", URL: "http://u/", Enabled: true}}, time.Now())
	t0 := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	pub := time.Date(2026, 10, 31, 16, 50, 0, 0, time.UTC)
	if _, err := st.SaveCrawl(ctx, &CrawlResult{Crawl: Crawl{UnitID: "u", Started: t0, Finished: t0, Outcome: OutcomeOK},
		Posts: []Post{{URL: "http://u/a", Title: "A", Published: pub}, {URL: "http://u/b", Title: "B", Published: pub}}}); err != nil {
		t.Fatal(err)
	}
	newDate := time.Date(2026, 11, 1, 1, 0, 0, 0, time.UTC)
	if _, err := st.AddOverride(ctx, Override{UnitID: "u", URL: "http://u/a", Action: ActionRedate, Published: newDate, Who: "VP", Why: "chứng từ", At: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddOverride(ctx, Override{UnitID: "u", URL: "http://u/b", Action: ActionExclude, Who: "VP", Why: "bài của đơn vị khác", At: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddOverride(ctx, Override{UnitID: "u", URL: "http://u/b", Action: "bogus", Who: "VP", Why: "x"}); err == nil {
		t.Error("unknown action accepted")
	}
	id, err := st.AddClaim(ctx, Claim{UnitID: "u", URL: "http://u/c", SubmittedBy: "THPT", Submitted: t0,
		Inspected: Post{Title: "C", Published: newDate, DateSource: "itemprop datePublished", Images: 2}})
	if err != nil {
		t.Fatal(err)
	}
	// Pending claims change nothing.
	if ps, _ := st.Posts(ctx, PostFilter{UnitID: "u"}); len(ps) != 2 {
		t.Fatalf("pending claim added a post: %d posts", len(ps))
	}
	if err := st.DecideClaim(ctx, id, true, "VP", "đúng", t0); err != nil {
		t.Fatal(err)
	}
	if err := st.DecideClaim(ctx, id, false, "VP", "again", t0); err == nil {
		t.Error("a claim was decided twice")
	}
	st.Close()

	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	nov := time.Date(2026, 10, 31, 17, 0, 0, 0, time.UTC) // 1 November 00:00 +07
	ps, err := st.Posts(ctx, PostFilter{UnitID: "u", From: nov})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Post{}
	for _, p := range ps {
		got[p.URL] = p
	}
	if a := got["http://u/a"]; !a.Published.Equal(newDate) || a.Flags["office_redated"] == "" {
		t.Errorf("redate not applied: %+v", a)
	}
	if c := got["http://u/c"]; c.Flags["claimed"] == "" || c.Images != 2 {
		t.Errorf("approved claim missing: %+v", c)
	}
	all, _ := st.Posts(ctx, PostFilter{UnitID: "u"})
	for _, p := range all {
		if p.URL == "http://u/b" && p.Flags["excluded"] == "" {
			t.Errorf("exclude not applied: %+v", p)
		}
	}
	if ovs, _ := st.Overrides(ctx, ""); len(ovs) != 2 {
		t.Errorf("audit log has %d entries, want 2", len(ovs))
	}
}

// TestAttribution stores who sent a portal's posts, then the office
// assigns an unattributed one and reassigns another; an exclusion of the
// same post stands beside the attribution.
func TestAttribution(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.SyncUnits(ctx, []Unit{{ID: "so", Name: "Sở", Kind: "k", URL: "http://so/", Enabled: true}}, time.Now())
	t0 := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	pub := t0.Add(-48 * time.Hour)
	res := &CrawlResult{Crawl: Crawl{UnitID: "so", Started: t0, Finished: t0, Outcome: OutcomeOK}, Posts: []Post{
		{URL: "http://so/a", Title: "A", Published: pub, ContributedBy: "thpt-a", AttributionText: "Tin, ảnh: Trường THPT A", AttributionFound: "byline"},
		{URL: "http://so/b", Title: "B", Published: pub, AttributionText: "Nguyễn Thị Hoa", AttributionFound: "byline"},
		{URL: "http://so/c", Title: "C", Published: pub, ContributedBy: "thpt-a", AttributionFound: "title"},
	}}
	if _, err := st.SaveCrawl(ctx, res); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Override{
		{UnitID: "so", URL: "http://so/b", Action: ActionAttribute, AttributedTo: "thcs-b", Who: "VP", Why: "e-mail gửi bài ngày 18/11", At: t0},
		{UnitID: "so", URL: "http://so/c", Action: ActionExclude, Who: "VP", Why: "tin trùng", At: t0},
		{UnitID: "so", URL: "http://so/c", Action: ActionAttribute, AttributedTo: NoUnit, Who: "VP", Why: "bài của Sở", At: t0.Add(time.Hour)},
	} {
		if _, err := st.AddOverride(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AddOverride(ctx, Override{UnitID: "so", URL: "http://so/a", Action: ActionAttribute, Who: "VP", Why: "x"}); err == nil {
		t.Error("an attribute override without a unit was accepted")
	}
	ps, err := st.Posts(ctx, PostFilter{UnitID: "so"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Post{}
	for _, p := range ps {
		got[p.URL] = p
	}
	if a := got["http://so/a"]; a.ContributedBy != "thpt-a" || a.AttributionText != "Tin, ảnh: Trường THPT A" || a.AttributionFound != "byline" {
		t.Errorf("crawled attribution not kept: %+v", a)
	}
	if b := got["http://so/b"]; b.ContributedBy != "thcs-b" || b.AttributionFound != FoundOffice || b.Flags["office_attributed"] == "" || b.AttributionText != "Nguyễn Thị Hoa" {
		t.Errorf("office attribution not applied: %+v", b)
	}
	if c := got["http://so/c"]; c.ContributedBy != "" || c.Flags["excluded"] == "" || c.Flags["office_attributed"] == "" {
		t.Errorf("attribution to nobody and exclusion should both hold: %+v", c)
	}
	ovs, err := st.Overrides(ctx, "so")
	if err != nil || len(ovs) != 3 || ovs[0].AttributedTo != "thcs-b" {
		t.Errorf("audit log: %+v, %v", ovs, err)
	}
}
