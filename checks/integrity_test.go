package checks

import (
	"testing"

	"sitewatch/store"
)

func TestIntegrity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		latest   *store.Crawl
		state    string
		detailOK string
	}{
		{"never crawled", nil, "unknown", ""},
		{"clean", &store.Crawl{Outcome: "ok", Sections: map[string]string{}}, "ok", ""},
		{"spam", &store.Crawl{Outcome: "ok", Sections: map[string]string{"compromised": "http://x/ — liên kết cờ bạc: nhà cái uy tín → http://bet.example"}}, "fail", "evidence"},
		{"moved", &store.Crawl{Outcome: "ok", Sections: map[string]string{"moved_to": "https://new.example/"}}, "warn", "moved_to"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := integrityCheck{}.Evaluate(Input{Latest: tc.latest})
			if r.State != tc.state {
				t.Errorf("state %s (%s), want %s", r.State, r.Reason, tc.state)
			}
			if tc.detailOK != "" && r.Details[tc.detailOK] == "" {
				t.Errorf("no %s in details: %v", tc.detailOK, r.Details)
			}
		})
	}
}
