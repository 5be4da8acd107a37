package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"sitewatch/evaluation"
	"sitewatch/export"
	"sitewatch/tally"
)

// handleExport serves the report for a period:
//
//	?quarter=2026Q4 | ?month=2026-11 | ?from=2026-10-01&to=2026-11-30 (default: the current quarter)
//	&format=xlsx (default) | csv
//	&part=summary | posts (csv only: one file; without it a zip holds both)
//
// The report is laid out from the snapshot when it covers the period (the
// current month or quarter), so that it says what the pages and /metrics
// say; another period is evaluated on demand by the same code path.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := s.exportPeriod(q.Get("quarter"), q.Get("month"), q.Get("from"), q.Get("to"))
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest, "Kỳ báo cáo không hợp lệ: "+err.Error())
		return
	}
	format := strings.ToLower(q.Get("format"))
	if format == "" {
		format = "xlsx"
	}
	part := q.Get("part")
	if format != "xlsx" && format != "csv" {
		s.renderError(w, r, http.StatusBadRequest, "Định dạng không hợp lệ: chọn xlsx hoặc csv.")
		return
	}
	if part != "" && (format != "csv" || (part != "summary" && part != "posts")) {
		s.renderError(w, r, http.StatusBadRequest, "Tham số part chỉ dùng với format=csv và nhận summary hoặc posts.")
		return
	}
	rep, err := s.report(r, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if s.prepare != nil {
		if err := s.prepare(r.Context(), rep); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	base := "bao-cao-thi-dua-" + fileLabel(p)
	var buf bytes.Buffer
	var ctype, name string
	switch {
	case format == "xlsx":
		err = export.WriteXLSX(&buf, rep)
		ctype, name = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", base+".xlsx"
	case part == "summary":
		err = export.WriteCSV(&buf, discard{}, rep)
		ctype, name = "text/csv; charset=utf-8", base+"-tong-hop.csv"
	case part == "posts":
		err = export.WriteCSV(discard{}, &buf, rep)
		ctype, name = "text/csv; charset=utf-8", base+"-danh-sach-tin-bai.csv"
	default:
		err = writeCSVZip(&buf, rep, base)
		ctype, name = "application/zip", base+"-csv.zip"
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	h.Set("Content-Length", fmt.Sprint(buf.Len()))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// report returns the report of period p from the snapshot, or from an
// evaluation of p when the snapshot does not cover it.
func (s *Server) report(r *http.Request, p tally.Period) (*export.Report, error) {
	ev, err := s.current(r)
	if err != nil {
		return nil, err
	}
	if _, ok := ev.Tally(p); !ok {
		if ev, err = s.evals.Evaluate(r.Context(), evaluation.Options{Period: p}); err != nil {
			return nil, err
		}
	}
	return export.FromEvaluation(ev, p)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// writeCSVZip writes a zip with the two CSV files of the report.
func writeCSVZip(buf *bytes.Buffer, rep *export.Report, base string) error {
	var sum, posts bytes.Buffer
	if err := export.WriteCSV(&sum, &posts, rep); err != nil {
		return err
	}
	zw := zip.NewWriter(buf)
	for _, f := range []struct {
		name string
		data []byte
	}{{base + "-tong-hop.csv", sum.Bytes()}, {base + "-danh-sach-tin-bai.csv", posts.Bytes()}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: rep.Generated})
		if err != nil {
			return fmt.Errorf("web: zip: %w", err)
		}
		if _, err := fw.Write(f.data); err != nil {
			return fmt.Errorf("web: zip: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("web: zip: %w", err)
	}
	return nil
}

// exportPeriod picks the period of an export request.
func (s *Server) exportPeriod(quarter, month, from, to string) (tally.Period, error) {
	loc := s.cfg.Location
	n := 0
	for _, v := range []string{quarter, month, from + to} {
		if v != "" {
			n++
		}
	}
	if n > 1 {
		return tally.Period{}, fmt.Errorf("chỉ chọn một trong quarter, month hoặc from/to")
	}
	switch {
	case quarter != "":
		p, err := tally.ParseQuarter(quarter, loc)
		if err != nil {
			return p, fmt.Errorf("quý %q phải viết dạng 2026Q4", quarter)
		}
		return p, nil
	case month != "":
		p, err := tally.ParseMonth(month, loc)
		if err != nil {
			return p, fmt.Errorf("tháng %q phải viết dạng 2026-11", month)
		}
		return p, nil
	case from != "" || to != "":
		p, err := tally.ParseRange(from, to, loc)
		if err != nil {
			return p, fmt.Errorf("from và to phải là ngày dạng 2026-10-01, from không sau to")
		}
		return p, nil
	}
	return tally.QuarterOf(s.now(), loc), nil
}

// fileLabel is the period label made safe for a file name.
func fileLabel(p tally.Period) string {
	return strings.NewReplacer("..", "_", "/", "-", " ", "").Replace(p.Label)
}
