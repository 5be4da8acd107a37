package evaluation

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"sitewatch/checks"
)

// Row is one unit as `sitewatch check --json` prints it: the overall state
// with its reasons, the counts and every check's result.
type Row struct {
	// Unit is the unit id.
	Unit string `json:"unit"`
	// Name is the unit's Vietnamese name.
	Name string `json:"name"`
	// Kind is the kind id.
	Kind string `json:"kind"`
	// Block is the emulation block (khối thi đua).
	Block string `json:"block"`
	// State is the overall state (Verdict.State), StateLabel its Vietnamese word.
	State      string `json:"state"`
	StateLabel string `json:"state_label"`
	// Reasons are the verdict's reasons, worst first.
	Reasons []Reason `json:"reasons"`
	// Month is the month checked ("2026-11").
	Month  string          `json:"month"`
	Counts Counts          `json:"counts"`
	Checks []checks.Result `json:"results"`
}

// Rows returns the watched units of e as rows, in registry order.
func (e *Evaluation) Rows() []Row {
	units := e.Enabled()
	rows := make([]Row, 0, len(units))
	for _, u := range units {
		reasons := u.Verdict.Reasons
		if reasons == nil {
			reasons = []Reason{}
		}
		rows = append(rows, Row{
			Unit: u.Unit.ID, Name: u.Unit.Name, Kind: u.Unit.Kind, Block: u.Unit.Block,
			State: u.Verdict.State, StateLabel: u.Verdict.Label(), Reasons: reasons,
			Month: e.Month.Label, Counts: u.Counts, Checks: u.Checks,
		})
	}
	return rows
}

// WriteTable prints e as a text table, one line per watched unit with its
// overall state and one column per check, followed by the reasons of every
// result that is not ok.
func WriteTable(w io.Writer, e *Evaluation) error {
	rows := e.Rows()
	names := checks.Names()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "ĐƠN VỊ\tLOẠI\tKHỐI\tĐÁNH GIÁ\tSỐ BÀI")
	for _, n := range names {
		fmt.Fprint(tw, "\t"+checks.CheckLabel(n))
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		posts := fmt.Sprint(r.Counts.PostsMonth)
		if r.Counts.Quota > 0 {
			posts += fmt.Sprintf("/%d", r.Counts.Quota)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s", r.Unit, r.Kind, dash(r.Block), r.StateLabel, posts)
		for _, n := range names {
			cell := "-"
			for _, res := range r.Checks {
				if res.Check == n {
					cell = StateLabel(res.State)
				}
			}
			fmt.Fprint(tw, "\t"+cell)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("evaluation: write table: %w", err)
	}
	first := true
	for _, r := range rows {
		var bad []checks.Result
		for _, res := range r.Checks {
			if res.State != checks.StateOK {
				bad = append(bad, res)
			}
		}
		if len(bad) == 0 {
			continue
		}
		if first {
			if _, err := fmt.Fprintln(w, "\nCHI TIẾT CÁC MỤC CHƯA ĐẠT"); err != nil {
				return fmt.Errorf("evaluation: write table: %w", err)
			}
			first = false
		}
		title := r.Unit
		if r.Name != "" {
			title += " — " + r.Name
		}
		if _, err := fmt.Fprintf(w, "\n%s (%s)\n", title, r.StateLabel); err != nil {
			return fmt.Errorf("evaluation: write table: %w", err)
		}
		for _, res := range bad {
			if _, err := fmt.Fprintf(w, "  %s (%s): %s\n", checks.CheckLabel(res.Check), StateLabel(res.State), res.Reason); err != nil {
				return fmt.Errorf("evaluation: write table: %w", err)
			}
		}
	}
	if first && len(rows) > 0 {
		if _, err := fmt.Fprintln(w, "\nTất cả các đơn vị đạt mọi kiểm tra."); err != nil {
			return fmt.Errorf("evaluation: write table: %w", err)
		}
	}
	return nil
}

// WriteJSON prints the rows of e as indented JSON (an array of Row).
func WriteJSON(w io.Writer, e *Evaluation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e.Rows()); err != nil {
		return fmt.Errorf("evaluation: write json: %w", err)
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
