package checks

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// UnitResults is the results of every check for one unit: a row of
// `sitewatch check`.
type UnitResults struct {
	// Unit is the unit id.
	Unit string `json:"unit"`
	// Name is the unit's Vietnamese name.
	Name string `json:"name"`
	// Kind is the kind id.
	Kind string `json:"kind"`
	// Block is the emulation block (khối thi đua).
	Block   string   `json:"block"`
	Results []Result `json:"results"`
}

// CheckLabel is the Vietnamese column title of a check.
func CheckLabel(name string) string {
	switch name {
	case "quota":
		return "Định mức bài"
	case "freshness":
		return "Cập nhật"
	case "captions":
		return "Chú thích ảnh"
	case "site":
		return "Trang web"
	case "sections":
		return "Mục nội dung"
	case "integrity":
		return "An toàn trang"
	}
	return name
}

// StateLabel is the Vietnamese word for a result state.
func StateLabel(state string) string {
	switch state {
	case StateOK:
		return "đạt"
	case StateWarn:
		return "cảnh báo"
	case StateFail:
		return "không đạt"
	case StateUnknown:
		return "chưa rõ"
	}
	return state
}

// WriteTable prints rows as a text table, one line per unit and one column
// per check, followed by the reasons of every result that is not ok.
func WriteTable(w io.Writer, rows []UnitResults) error {
	names := columns(rows)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "ĐƠN VỊ\tLOẠI\tKHỐI")
	for _, n := range names {
		fmt.Fprint(tw, "\t"+CheckLabel(n))
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s", r.Unit, r.Kind, dash(r.Block))
		for _, n := range names {
			cell := "-"
			for _, res := range r.Results {
				if res.Check == n {
					cell = StateLabel(res.State)
				}
			}
			fmt.Fprint(tw, "\t"+cell)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("checks: write table: %w", err)
	}
	first := true
	for _, r := range rows {
		var bad []Result
		for _, res := range r.Results {
			if res.State != StateOK {
				bad = append(bad, res)
			}
		}
		if len(bad) == 0 {
			continue
		}
		if first {
			if _, err := fmt.Fprintln(w, "\nCHI TIẾT CÁC MỤC CHƯA ĐẠT"); err != nil {
				return fmt.Errorf("checks: write table: %w", err)
			}
			first = false
		}
		title := r.Unit
		if r.Name != "" {
			title += " — " + r.Name
		}
		if _, err := fmt.Fprintf(w, "\n%s\n", title); err != nil {
			return fmt.Errorf("checks: write table: %w", err)
		}
		for _, res := range bad {
			if _, err := fmt.Fprintf(w, "  %s (%s): %s\n", CheckLabel(res.Check), StateLabel(res.State), res.Reason); err != nil {
				return fmt.Errorf("checks: write table: %w", err)
			}
		}
	}
	if first && len(rows) > 0 {
		if _, err := fmt.Fprintln(w, "\nTất cả các đơn vị đạt mọi kiểm tra."); err != nil {
			return fmt.Errorf("checks: write table: %w", err)
		}
	}
	return nil
}

// WriteJSON prints rows as indented JSON (an array of UnitResults).
func WriteJSON(w io.Writer, rows []UnitResults) error {
	if rows == nil {
		rows = []UnitResults{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rows); err != nil {
		return fmt.Errorf("checks: write json: %w", err)
	}
	return nil
}

// columns lists the checks present in rows: registered checks first, in
// registry order, then any others in order of appearance.
func columns(rows []UnitResults) []string {
	seen := map[string]bool{}
	for _, r := range rows {
		for _, res := range r.Results {
			seen[res.Check] = true
		}
	}
	var out []string
	for _, n := range Names() {
		if seen[n] {
			out = append(out, n)
			delete(seen, n)
		}
	}
	for _, r := range rows {
		for _, res := range r.Results {
			if seen[res.Check] {
				out = append(out, res.Check)
				delete(seen, res.Check)
			}
		}
	}
	return out
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
