package evaluation

import (
	"slices"

	"sitewatch/checks"
	"sitewatch/config"
)

// Overall states of a unit. They are the states a check result takes
// (checks.StateOK …), so one vocabulary serves both.
const (
	StateOK      = checks.StateOK
	StateWarn    = checks.StateWarn
	StateFail    = checks.StateFail
	StateUnknown = checks.StateUnknown
)

// Verdict is the overall state of a unit and why.
type Verdict struct {
	// State is ok, warn, fail or unknown.
	State string `json:"state"`
	// Reasons are the results that are not ok, worst first (then in check
	// order), each with the state it counts for in the verdict.
	Reasons []Reason `json:"reasons"`
}

// Reason is one check result behind a verdict.
type Reason struct {
	// Check is the check's name.
	Check string `json:"check"`
	// State is the state the result counts for: a failure of a check outside
	// the kind's fail_on counts as warn.
	State string `json:"state"`
	// Text is the check's reason, in Vietnamese.
	Text string `json:"text"`
}

// Label is the Vietnamese word of the verdict's state.
func (v Verdict) Label() string { return StateLabel(v.State) }

// Decide is the one rule that turns the results of a unit's checks into its
// overall state:
//
//  1. A failed check counts as a failure when it is in the kind's fail_on
//     (config.DefaultFailOn unless the kind says otherwise), else as a warning.
//  2. The unit takes the worst state counted, in the order
//     Không đạt (fail) > Cảnh báo (warn) > Chưa rõ (unknown) > Đạt (ok).
//
// So a unit is "Đạt" only when every check is met, "Chưa rõ" when nothing is
// wrong but something could not be checked (a site never crawled), and
// "Không đạt" only for a rule the kind's fail_on names.
func Decide(k *config.Kind, results []checks.Result) Verdict {
	failOn := config.DefaultFailOn
	if k != nil && k.FailOn != nil {
		failOn = k.FailOn
	}
	v := Verdict{State: StateOK}
	for _, r := range results {
		st := r.State
		if st == StateFail && !slices.Contains(failOn, r.Check) {
			st = StateWarn
		}
		if st == StateOK {
			continue
		}
		if checks.Rank(st) > checks.Rank(v.State) {
			v.State = st
		}
		v.Reasons = append(v.Reasons, Reason{Check: r.Check, State: st, Text: r.Reason})
	}
	slices.SortStableFunc(v.Reasons, func(a, b Reason) int { return checks.Rank(b.State) - checks.Rank(a.State) })
	return v
}

// StateLabel is the Vietnamese word for a state, of a unit or of a check.
func StateLabel(state string) string {
	switch state {
	case StateOK:
		return "Đạt"
	case StateWarn:
		return "Cảnh báo"
	case StateFail:
		return "Không đạt"
	case StateUnknown:
		return "Chưa rõ"
	}
	return state
}
