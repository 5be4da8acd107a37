package crawler

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"sitewatch/crawler/extract"
)

// TestSiteDatesMemo: the dates read beside links are those
// extract.ParseTextDate reads, asked once or many times, and the texts
// remembered stay within their bounds.
func TestSiteDatesMemo(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	d := &siteDates{loc: loc, now: now, memo: map[string]textDate{}}
	texts := []string{
		"Hội nghị tổng kết 20/11/2026 08:30",
		"Trang chủ",
		"Hôm qua",
		"3 ngày trước",
		"Ngày 5 tháng 10 năm 2026",
		"Lịch 12/01/2031", // implausible: in the future
		strings.Repeat("Thông báo tuyển sinh năm học mới ", 10) + "25/11/2026",
	}
	for _, text := range texts {
		wt, wraw, wok := extract.ParseTextDate(text, loc, now)
		if wok && !extract.Plausible(wt, now) {
			wt, wraw, wok = time.Time{}, "", false
		}
		for i := 0; i < 2; i++ {
			gt, graw, gok := d.Text(text)
			if !gt.Equal(wt) || graw != wraw || gok != wok {
				t.Errorf("%q (call %d): %v %q %v, want %v %q %v", text, i+1, gt, graw, gok, wt, wraw, wok)
			}
		}
	}
	for i := 0; i < 2*maxDateTexts; i++ {
		d.Text(fmt.Sprintf("Tin số %d", i))
	}
	if len(d.memo) > maxDateTexts {
		t.Errorf("%d texts remembered, bound %d", len(d.memo), maxDateTexts)
	}
	for k := range d.memo {
		if len(k) > maxDateTextBytes {
			t.Errorf("remembered a text of %d bytes, bound %d", len(k), maxDateTextBytes)
		}
	}
}
