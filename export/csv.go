package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"sitewatch/evaluation"
)

// bom makes spreadsheet programs read the CSV as UTF-8.
const bom = "\ufeff"

// WriteCSV writes the report as two UTF-8 CSV files with a byte-order mark:
// the summary (one row per unit, no totals rows) and the post list. Dates are
// written as "2006-01-02 15:04" in the report's zone. A text field that would
// start a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe.
func WriteCSV(summary, posts io.Writer, r *Report) error {
	if err := r.check(); err != nil {
		return err
	}
	if err := writeSummaryCSV(summary, r); err != nil {
		return fmt.Errorf("export: summary csv: %w", err)
	}
	if err := writePostsCSV(posts, r); err != nil {
		return fmt.Errorf("export: posts csv: %w", err)
	}
	return nil
}

// CSVText neutralises a text field for spreadsheet programs: a value starting
// with =, +, -, @, tab or carriage return gets a leading apostrophe (OWASP
// CSV injection guidance), so it is shown as text, never evaluated.
func CSVText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

func csvTime(t time.Time, r *Report, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.loc()).Format(layout)
}

func writeSummaryCSV(w io.Writer, r *Report) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(r.SummaryHeaders()); err != nil {
		return err
	}
	stt := 0
	for _, b := range r.blocks() {
		for _, u := range b.Units {
			stt++
			rec := []string{strconv.Itoa(stt), CSVText(u.Unit.Name), CSVText(kindName(u)), strconv.Itoa(quota(u)), CSVText(b.Name), CSVText(u.Unit.URL)}
			for mi := range r.Period.Months() {
				if mi < len(u.Months) {
					rec = append(rec, strconv.Itoa(u.Months[mi].Posts), stateLabel(u.Months[mi].State))
				} else {
					rec = append(rec, "", "")
				}
			}
			rec = append(rec, strconv.Itoa(u.Total), strconv.Itoa(u.Images), strconv.Itoa(u.CaptionedImages),
				csvTime(u.Newest, r, "2006-01-02"), strconv.Itoa(u.DaysUnreachable),
				evaluation.StateLabel(r.State(u)), CSVText(strings.Join(r.Remarks(u), "; ")), CSVText(u.Unit.ID))
			if r.hasPortal() {
				c := r.Contributions[u.Unit.ID]
				rec = append(rec, strconv.Itoa(c.Total), strconv.Itoa(c.Images), strconv.Itoa(c.CaptionedImages))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func writePostsCSV(w io.Writer, r *Report) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(PostHeaders); err != nil {
		return err
	}
	for i, pr := range r.postRows() {
		p := pr.post
		rec := []string{
			strconv.Itoa(i + 1), CSVText(pr.unit.Unit.Name), CSVText(blockName(pr.unit)),
			csvTime(p.Published, r, "2006-01-02 15:04"), CSVText(p.Title),
			strconv.Itoa(p.Images), strconv.Itoa(p.CaptionedImages),
			CSVText(p.DateSource), CSVText(p.DateRaw), CSVText(p.FoundVia),
			csvTime(p.FirstSeen, r, "2006-01-02 15:04"), postStatus(p), CSVText(FlagText(p.Flags)), CSVText(p.URL),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
