package promql

import (
	"reflect"
	"testing"
)

func TestSelectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		expr string
		want []string
	}{
		{"bare", "up", []string{"up"}},
		{"matchers with braces and commas in strings", `up{job="a,b}", instance=~"x"} == 0`, []string{`up{job="a,b}", instance=~"x"}`}},
		{"functions, ranges and durations", `increase(sitewatch_crawl_requests_total[1d]) / 86400`, []string{"sitewatch_crawl_requests_total"}},
		{"grouping lists are labels, not metrics", `sum by (unit, check) (a) * on(unit) group_left(name, block) b`, []string{"a", "b"}},
		{"aggregation clause after the call", `sum(a) without (instance) > 1e9`, []string{"a"}},
		{"set operators and keywords", `a and on() b unless c or bool d offset 5m`, []string{"a", "b", "c", "d"}},
		{"absent and time", `absent(x{job="s"}) and on() time() > 3`, []string{`x{job="s"}`}},
		{"selector without a name", `{__name__=~"sitewatch_.*"}`, []string{`{__name__=~"sitewatch_.*"}`}},
		{"subquery", `max_over_time(a[1h:5m])`, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Selectors(tt.expr); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Selectors(%q) = %q, want %q", tt.expr, got, tt.want)
			}
		})
	}
}

func TestVariableExpr(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"label_values(sitewatch_unit_info, kind)":                   "group by (kind) (sitewatch_unit_info)",
		`label_values(m{a=~"$x", b="y"}, unit)`:                     `group by (unit) (m{a=~"$x", b="y"})`,
		"query_result(topk(5, m))":                                  "topk(5, m)",
		"label_values(kind)":                                        "",
		"label_names()":                                             "",
		"  label_values( sitewatch_unit_info{kind=\"a\"} , block) ": `group by (block) (sitewatch_unit_info{kind="a"})`,
	}
	for in, want := range tests {
		if got := VariableExpr(in); got != want {
			t.Errorf("VariableExpr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDashboardExprs(t *testing.T) {
	t.Parallel()
	got, err := DashboardExprs("testdata/dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`count(sitewatch_unit_info{kind=~".*", unit=~".*"})`,
		`increase(sitewatch_crawl_requests_total{unit=~".*"}[5m])`,
		`rate(x[5m]) > .* + $undefined`,
		`group by (kind) (sitewatch_unit_info)`,
		`group by (unit) (sitewatch_unit_info{kind=~".*"})`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DashboardExprs =\n%q\nwant\n%q", got, want)
	}
	if _, err := DashboardExprs("testdata/missing.json"); err == nil {
		t.Error("missing file: no error")
	}
}

func TestAlertExprs(t *testing.T) {
	t.Parallel()
	got, err := AlertExprs("testdata/rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"sum by (job) (up)", `up{job="x"} == 0`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AlertExprs = %q, want %q", got, want)
	}
	rules, _ := Rules("testdata/rules.yml")
	if rules[1].Alert != "Down" || rules[0].Record != "job:up:sum" || rules[0].Group != "a" {
		t.Errorf("Rules = %+v", rules)
	}
}
