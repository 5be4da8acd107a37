package simweb

import (
	"testing"
	"time"
)

// TestScoreRules checks Score case by case against the corpus scorer's
// definitions on a hand-made truth.
func TestScoreRules(t *testing.T) {
	t.Parallel()
	at := func(d string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", d, zone())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	post := func(u, d string, extra ...string) TruthPost {
		return TruthPost{URL: u, Published: at(d), PublishedText: d, Aliases: extra}
	}
	a := post("/?p=10", "2026-10-05 08:00", "/?p=10&cat=3")
	a.Translations = []string{"/?p=10&lang=en"}
	truth := SiteTruth{
		Name:          "x",
		Posts:         []TruthPost{a, post("/?p=11", "2026-11-01 00:10"), post("/?p=5", "2026-06-01 09:00")},
		Pages:         []TruthPage{{URL: "/?p=2", Kind: PageSection}},
		SessionParams: []string{"sid"},
	}
	w := Window{From: at("2026-09-01 00:00"), To: at("2026-11-25 10:00")}
	tests := []struct {
		name  string
		found []Found
		check func(SiteScore) bool
	}{
		{"nothing found", nil, func(s SiteScore) bool { return s.Truth == 2 && s.Found == 0 && s.Recall() == 0 && s.Precision() == 1 }},
		{"alias, session and tracking parameters match", []Found{{URL: "http://h/?cat=3&p=10&sid=ab12&utm_source=fb", Published: at("2026-10-05 08:00")}},
			func(s SiteScore) bool { return s.Found == 1 && s.False == 0 && s.DateOK == 1 }},
		{"a translation is the post, reported twice a duplicate", []Found{{URL: "/?p=10&lang=en", Published: at("2026-10-05 08:00")}, {URL: "/?p=10", Published: at("2026-10-05 08:00")}},
			func(s SiteScore) bool { return s.Found == 1 && s.FalseDup == 1 && s.Reported == 2 }},
		{"cookieless session segment", []Found{{URL: "/(S(abc123))/?p=11", Published: at("2026-11-01 00:10")}},
			func(s SiteScore) bool { return s.Found == 1 && s.MonthFound["2026-11"] == 1 }},
		{"wrong day counts found, not dated", []Found{{URL: "/?p=11", Published: at("2026-10-31 17:10")}},
			func(s SiteScore) bool {
				return s.Found == 1 && s.DateOK == 0 && s.MonthFound["2026-10"] == 1 && s.MonthFound["2026-11"] == 0 && s.CellsExact == s.Cells-1
			}},
		{"old post with its old date is ignored", []Found{{URL: "/?p=5", Published: at("2026-06-01 09:00")}},
			func(s SiteScore) bool { return s.Reported == 0 && s.False == 0 }},
		{"old post dated into the window is false", []Found{{URL: "/?p=5", Published: at("2026-10-01 09:00")}},
			func(s SiteScore) bool { return s.FalseOld == 1 && s.Reported == 1 }},
		{"undated page is false and known", []Found{{URL: "/?p=2"}},
			func(s SiteScore) bool { return s.FalseUnknown == 1 && s.FalsePages == 1 && s.NoDate == 1 }},
		{"unknown URL dated before the window is ignored", []Found{{URL: "/?p=99", Published: at("2026-01-01 09:00")}},
			func(s SiteScore) bool { return s.Reported == 0 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Score(truth, tc.found, w); !tc.check(got) {
				t.Errorf("%+v", got)
			}
		})
	}
}
