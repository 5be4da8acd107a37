package evaluation

import (
	"testing"

	"sitewatch/checks"
	"sitewatch/config"
)

func TestDecide(t *testing.T) {
	t.Parallel()
	r := func(check, state string) checks.Result {
		return checks.Result{Check: check, State: state, Reason: check + " " + state}
	}
	dispatch := &config.Kind{FailOn: config.DefaultFailOn}
	strict := &config.Kind{FailOn: []string{"quota", "site"}}
	lenient := &config.Kind{FailOn: []string{}}
	tests := []struct {
		name    string
		kind    *config.Kind
		results []checks.Result
		want    string
		first   string // check of the first reason
	}{
		{"all ok", dispatch, []checks.Result{r("quota", "ok"), r("site", "ok")}, StateOK, ""},
		{"quota fails", dispatch, []checks.Result{r("quota", "fail"), r("site", "ok")}, StateFail, "quota"},
		{"site fails, only warns by default", dispatch, []checks.Result{r("quota", "ok"), r("site", "fail")}, StateWarn, "site"},
		{"site fails, kind makes it decisive", strict, []checks.Result{r("quota", "ok"), r("site", "fail")}, StateFail, "site"},
		{"captions fail, kind lets them warn", strict, []checks.Result{r("captions", "fail")}, StateWarn, "captions"},
		{"empty fail_on: every failure warns", lenient, []checks.Result{r("quota", "fail")}, StateWarn, "quota"},
		{"nil kind: dispatch default", nil, []checks.Result{r("freshness", "fail")}, StateFail, "freshness"},
		{"unknown beats ok", dispatch, []checks.Result{r("quota", "ok"), r("sections", "unknown")}, StateUnknown, "sections"},
		{"warn beats unknown, worst reason first", dispatch, []checks.Result{r("sections", "unknown"), r("quota", "warn")}, StateWarn, "quota"},
		{"fail beats warn", dispatch, []checks.Result{r("site", "fail"), r("captions", "fail")}, StateFail, "captions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := Decide(tt.kind, tt.results)
			if v.State != tt.want {
				t.Fatalf("state = %s, want %s (%+v)", v.State, tt.want, v.Reasons)
			}
			if tt.first == "" {
				if len(v.Reasons) != 0 {
					t.Errorf("reasons = %+v, want none", v.Reasons)
				}
				return
			}
			if len(v.Reasons) == 0 || v.Reasons[0].Check != tt.first || v.Reasons[0].State != tt.want {
				t.Errorf("first reason = %+v, want %s counted %s", v.Reasons, tt.first, tt.want)
			}
		})
	}
}
