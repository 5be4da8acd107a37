package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitewatch/tally"
)

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatalf("csv does not start with a UTF-8 BOM: %q", b[:min(len(b), 10)])
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatalf("parse csv: %v", err)
	}
	return recs
}

func TestWriteCSV(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	r := fx.report()
	var sum, posts bytes.Buffer
	if err := WriteCSV(&sum, &posts, r); err != nil {
		t.Fatal(err)
	}
	srecs := readCSV(t, sum.Bytes())
	head := srecs[0]
	if got, want := strings.Join(head[:8], "|"), "STT|Tên đơn vị|Loại|Định mức (tin/tháng)|Khối|Website|Tháng 10/2026: số tin|Tháng 10/2026: đánh giá"; got != want {
		t.Errorf("summary header = %q, want %q", got, want)
	}
	if len(srecs)-1 != len(fx.units) {
		t.Fatalf("summary rows = %d, want %d", len(srecs)-1, len(fx.units))
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, rec := range srecs[1:] {
		u := fx.unit(rec[col["Mã đơn vị"]])
		if u == nil {
			t.Fatalf("unknown unit row %v", rec)
		}
		if rec[col["Tổng số tin"]] != strconv.Itoa(u.Total) || rec[col["Số ảnh"]] != strconv.Itoa(u.Images) ||
			rec[col["Ảnh có chú thích"]] != strconv.Itoa(u.CaptionedImages) || rec[col["Số ngày không truy cập được"]] != strconv.Itoa(u.DaysUnreachable) {
			t.Errorf("%s: row %v disagrees with tally %+v", u.Unit.ID, rec, u)
		}
		if rec[col["Tháng 11/2026: số tin"]] != strconv.Itoa(u.Months[1].Posts) || rec[col["Tháng 11/2026: đánh giá"]] != tally.StateLabel(u.Months[1].State) {
			t.Errorf("%s: November %v, want %d %s", u.Unit.ID, rec, u.Months[1].Posts, u.Months[1].State)
		}
	}

	precs := readCSV(t, posts.Bytes())
	if strings.Join(precs[0], "|") != strings.Join(PostHeaders, "|") {
		t.Errorf("posts header = %v", precs[0])
	}
	want := 0
	for _, u := range fx.units {
		want += len(u.Posts)
	}
	if len(precs)-1 != want {
		t.Fatalf("post rows = %d, want %d", len(precs)-1, want)
	}
	titles := map[string]string{}
	for _, rec := range precs[1:] {
		titles[rec[postColURL]] = rec[postColTitle]
		for i, v := range rec {
			if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
				t.Errorf("field %q (%s) starts a formula", v, PostHeaders[i])
			}
		}
	}
	for _, title := range []string{titleHyperlink, titleCmd, titleSum, titleMinus} {
		found := false
		for _, got := range titles {
			if got == "'"+title {
				found = true
			}
		}
		if !found {
			t.Errorf("title %q not written as inert text; titles: %q", title, titles)
		}
	}
	if !strings.Contains(posts.String(), "2026-10-01 00:05") {
		t.Errorf("posts csv lacks the local publication time 2026-10-01 00:05")
	}
}

func TestCSVText(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain", "Tin tức", "Tin tức"},
		{"empty", "", ""},
		{"equals", "=1+1", "'=1+1"},
		{"plus", "+cmd", "'+cmd"},
		{"minus", "-2", "'-2"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\t=1", "'\t=1"},
		{"cr", "\r=1", "'\r=1"},
		{"inner", "a=b", "a=b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CSVText(tt.in); got != tt.want {
				t.Errorf("CSVText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPeriodTitle(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	q, _ := tally.ParseQuarter("2026Q4", loc)
	m, _ := tally.ParseMonth("2026-11", loc)
	rg, _ := tally.ParseRange("2026-10-01", "2026-11-30", loc)
	q1, _ := tally.ParseQuarter("2027Q1", loc)
	tests := []struct {
		name string
		p    tally.Period
		want string
	}{
		{"quarter", q, "Quý IV/2026"},
		{"first quarter", q1, "Quý I/2027"},
		{"month", m, "Tháng 11/2026"},
		{"range", rg, "Từ 01/10/2026 đến 30/11/2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PeriodTitle(tt.p); got != tt.want {
				t.Errorf("PeriodTitle = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRemarks(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	r := fx.report()
	tests := []struct {
		unit string
		want []string
	}{
		{"thpt-bac-son", []string{"Trang web không truy cập được 3 ngày: số liệu có thể thiếu", "Chưa đạt định mức tháng 10 (thiếu 1 tin)"}},
		{"thpt-anh-sang", []string{"Miễn định mức tháng 12"}},
		{"pgd-cu-jut", []string{"Tháng 11 còn thiếu 1 tin (hạn 30/11/2026)"}},
		{"pgd-cu", []string{"Đơn vị không còn được theo dõi", "Chưa ghi nhận tin bài nào"}},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			got := strings.Join(r.Remarks(fx.unit(tt.unit)), "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("remarks %q lack %q", got, w)
				}
			}
		})
	}
}
