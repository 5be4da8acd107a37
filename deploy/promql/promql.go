// Package promql extracts the PromQL expressions of sitewatch's Grafana
// dashboard and Prometheus rule files, ready to be evaluated against a real
// Prometheus: Grafana template variables are replaced by values Prometheus
// accepts (a selected-all ".*" for the dashboard's own variables, "5m" for
// $__range and the interval variables), and label_values() variable queries
// become the equivalent PromQL.
//
// It reads files only; it does not parse PromQL beyond what Selectors needs.
package promql

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Values used for Grafana's built-in variables.
const (
	RangeValue        = "5m"
	RangeSecondsValue = "300"
)

// DashboardExprs returns every PromQL expression of the Grafana dashboard at
// path, in panel order: panel targets (rows included) and then the queries of
// query variables. Variables are expanded with Expand.
func DashboardExprs(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("promql: %w", err)
	}
	var d struct {
		Panels     []panel `json:"panels"`
		Templating struct {
			List []struct {
				Name  string          `json:"name"`
				Type  string          `json:"type"`
				Query json.RawMessage `json:"query"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("promql: %s: %w", path, err)
	}
	vars := map[string]bool{}
	for _, v := range d.Templating.List {
		vars[v.Name] = true
	}
	var out []string
	var walk func(ps []panel)
	walk = func(ps []panel) {
		for _, p := range ps {
			for _, t := range p.Targets {
				if strings.TrimSpace(t.Expr) != "" {
					out = append(out, Expand(t.Expr, vars))
				}
			}
			walk(p.Panels)
		}
	}
	walk(d.Panels)
	for _, v := range d.Templating.List {
		if v.Type != "query" || len(v.Query) == 0 {
			continue
		}
		q, err := variableQuery(v.Query)
		if err != nil {
			return nil, fmt.Errorf("promql: %s: variable %s: %w", path, v.Name, err)
		}
		if e := VariableExpr(q); e != "" {
			out = append(out, Expand(e, vars))
		}
	}
	return out, nil
}

type panel struct {
	Title   string  `json:"title"`
	Panels  []panel `json:"panels"`
	Targets []struct {
		Expr string `json:"expr"`
	} `json:"targets"`
}

// variableQuery reads a variable query written as a string (older Grafana)
// or as an object with a "query" field (Grafana 10+).
func variableQuery(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var o struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		return "", err
	}
	return o.Query, nil
}

var labelValuesRe = regexp.MustCompile(`^\s*label_values\(\s*(.+)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$`)
var queryResultRe = regexp.MustCompile(`^\s*query_result\(\s*(.+)\s*\)\s*$`)

// VariableExpr turns a Grafana Prometheus variable query into the PromQL it
// runs: label_values(m{…}, l) becomes group by (l) (m{…}) and
// query_result(e) becomes e. Other forms (label_names(), metrics(),
// label_values(l) without a metric) return "".
func VariableExpr(q string) string {
	if m := labelValuesRe.FindStringSubmatch(q); m != nil {
		return fmt.Sprintf("group by (%s) (%s)", m[2], strings.TrimSpace(m[1]))
	}
	if m := queryResultRe.FindStringSubmatch(q); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

var varRe = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)(?::[A-Za-z0-9_]+)?\}|\[\[([A-Za-z0-9_]+)(?::[A-Za-z0-9_]+)?\]\]|\$([A-Za-z0-9_]+)`)

// Expand replaces Grafana variables in expr: the dashboard's own variables
// (names in vars) by ".*" (all values selected), $__range, $__interval,
// $__rate_interval and their _ms/_s forms by 5 minutes. Unknown variables are
// left as they are, so that Prometheus reports them.
func Expand(expr string, vars map[string]bool) string {
	return varRe.ReplaceAllStringFunc(expr, func(m string) string {
		sm := varRe.FindStringSubmatch(m)
		name := sm[1] + sm[2] + sm[3]
		switch name {
		case "__range", "__interval", "__rate_interval":
			return RangeValue
		case "__range_s", "__interval_s":
			return RangeSecondsValue
		case "__range_ms", "__interval_ms":
			return RangeSecondsValue + "000"
		}
		if vars[name] {
			return ".*"
		}
		return m
	})
}

// Rule is one rule of a Prometheus rule file.
type Rule struct {
	Group string
	// Alert is the alert name ("" for a recording rule).
	Alert string
	// Record is the recorded series name ("" for an alerting rule).
	Record string
	Expr   string
}

// Rules returns every rule of the Prometheus rule file at path.
func Rules(path string) ([]Rule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("promql: %w", err)
	}
	var f struct {
		Groups []struct {
			Name  string `yaml:"name"`
			Rules []struct {
				Alert  string `yaml:"alert"`
				Record string `yaml:"record"`
				Expr   string `yaml:"expr"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("promql: %s: %w", path, err)
	}
	var out []Rule
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			out = append(out, Rule{Group: g.Name, Alert: r.Alert, Record: r.Record, Expr: strings.TrimSpace(r.Expr)})
		}
	}
	return out, nil
}

// AlertExprs returns the expression of every rule (alerting and recording)
// of the Prometheus rule file at path, in file order.
func AlertExprs(path string) ([]string, error) {
	rules, err := Rules(path)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(rules))
	for _, r := range rules {
		out = append(out, r.Expr)
	}
	return out, nil
}

// keywords are identifiers of PromQL that are not metric names.
var keywords = map[string]bool{
	"and": true, "or": true, "unless": true, "bool": true, "offset": true, "by": true, "without": true,
	"on": true, "ignoring": true, "group_left": true, "group_right": true, "inf": true, "nan": true,
	"start": true, "end": true, "atan2": true,
}

// grouping keywords are followed by a parenthesised list of label names.
var grouping = map[string]bool{"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true}

// Selectors returns the instant-vector selectors of expr (metric name and
// label matchers, as written), each once, sorted. It is a lexical scan good
// for the expressions of this repository: strings, range brackets, function
// calls and grouping label lists are skipped.
func Selectors(expr string) []string {
	seen := map[string]bool{}
	rs := []rune(expr)
	n := len(rs)
	isStart := func(r rune) bool { return r == '_' || r == ':' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }
	isPart := func(r rune) bool { return isStart(r) || (r >= '0' && r <= '9') }
	skipSpace := func(i int) int {
		for i < n && (rs[i] == ' ' || rs[i] == '\t' || rs[i] == '\n' || rs[i] == '\r') {
			i++
		}
		return i
	}
	// closing returns the index after the bracket matching rs[i], skipping strings.
	closing := func(i int, open, close rune) int {
		depth := 0
		for ; i < n; i++ {
			switch rs[i] {
			case '"', '\'', '`':
				i = skipString(rs, i) - 1
			case open:
				depth++
			case close:
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return n
	}
	for i := 0; i < n; {
		r := rs[i]
		switch {
		case r == '"' || r == '\'' || r == '`':
			i = skipString(rs, i)
		case r == '[':
			i = closing(i, '[', ']')
		case r == '{':
			end := closing(i, '{', '}')
			seen[string(rs[i:end])] = true
			i = end
		case r >= '0' && r <= '9' || r == '.':
			for i < n && (isPart(rs[i]) || rs[i] == '.') {
				i++
			}
		case isStart(r):
			j := i
			for j < n && isPart(rs[j]) {
				j++
			}
			word := string(rs[i:j])
			k := skipSpace(j)
			lw := strings.ToLower(word)
			switch {
			case grouping[lw]:
				if k < n && rs[k] == '(' {
					j = closing(k, '(', ')')
				}
			case lw == "offset":
				k2 := skipSpace(j)
				for k2 < n && (isPart(rs[k2]) || rs[k2] == '-') {
					k2++
				}
				j = k2
			case keywords[lw]:
			case k < n && rs[k] == '(':
				// a function or an aggregation
			case followedBy(rs[k:], "by") || followedBy(rs[k:], "without"):
				// an aggregation written "sum by (l) (…)"
			case k < n && rs[k] == '{':
				end := closing(k, '{', '}')
				seen[word+string(rs[k:end])] = true
				j = end
			default:
				seen[word] = true
			}
			i = j
		default:
			i++
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// skipString returns the index after the string literal starting at rs[i].
func skipString(rs []rune, i int) int {
	q := rs[i]
	for i++; i < len(rs) && rs[i] != q; i++ {
		if rs[i] == '\\' && q != '`' {
			i++
		}
	}
	return i + 1
}

// followedBy reports whether rs starts with the word w (case-insensitive)
// and then a space or an opening parenthesis.
func followedBy(rs []rune, w string) bool {
	if len(rs) <= len(w) || !strings.EqualFold(string(rs[:len(w)]), w) {
		return false
	}
	switch rs[len(w)] {
	case ' ', '\t', '\n', '\r', '(':
		return true
	}
	return false
}
