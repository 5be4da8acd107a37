package checks

import (
	"testing"
	"time"

	"sitewatch/tally"
)

func TestContributionsCheck(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	deadline := time.Date(2026, 11, 30, 16, 59, 59, 0, time.UTC)
	tests := []struct {
		name  string
		month tally.Month
		state string
	}{
		{"no quota", tally.Month{Month: "2026-11", Posts: 3, State: tally.StateNoQuota}, StateOK},
		{"met", tally.Month{Month: "2026-11", Posts: 2, Quota: 2, State: tally.StateMet}, StateOK},
		{"exempt", tally.Month{Month: "2026-11", Quota: 2, State: tally.StateExempt}, StateOK},
		{"pending", tally.Month{Month: "2026-11", Posts: 1, Quota: 2, Needed: 1, State: tally.StatePending, Deadline: deadline}, StateWarn},
		{"missed", tally.Month{Month: "2026-10", Quota: 2, Needed: 2, State: tally.StateMissed}, StateFail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := contributionsCheck{}.Evaluate(Input{Now: now, Contributions: tally.Contributions{Months: []tally.Month{tc.month}}})
			if r.State != tc.state || r.Reason == "" {
				t.Errorf("%+v: %s %q, want %s", tc.month, r.State, r.Reason, tc.state)
			}
		})
	}
	if r := (contributionsCheck{}).Evaluate(Input{Now: now}); r.State != StateOK {
		t.Errorf("without a tally: %s", r.State)
	}
}
