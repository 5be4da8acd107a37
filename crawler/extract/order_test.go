package extract

import (
	"testing"
	"time"
)

// TestDateOrder: a site's numeric date order comes from evidence of its
// pages (a field above 12, a weekday name, the machine dates), day first
// when nothing tells, and decides the ambiguous dates.
func TestDateOrder(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	page := func(head, meta, listing string) string {
		return `<html><head><title>Tin</title>` + head + `</head><body><h1>Hội nghị cán bộ viên chức năm học mới</h1><div class="meta">` + meta +
			`</div><div class="entry-content"><p>Nội dung đủ dài của bài viết về hội nghị cán bộ viên chức của nhà trường.</p><p>Đoạn hai.</p></div>` + listing + `</body></html>`
	}
	usList := `<div class="other"><ul><li>10/25/2011</li><li>11/14/2011</li></ul></div>`
	tests := []struct {
		name, html string
		site       Order
		want       string
		votes      OrderVotes
	}{
		{"no evidence: day first", page("", "03-08-2011", ""), DayFirst, "2011-08-03", OrderVotes{}},
		{"site learnt month first", page("", "03-08-2011", ""), MonthFirst, "2011-03-08", OrderVotes{}},
		{"fields above 12 on the page", page("", "03-08-2011", usList), DayFirst, "2011-03-08", OrderVotes{MonthFirst: 2}},
		{"weekday matches month first", page("", "Thứ Ba, 03/08/2011", ""), DayFirst, "2011-03-08", OrderVotes{MonthFirst: 1}},
		{"weekday matches day first", page("", "Thứ Tư, 03/08/2011", ""), MonthFirst, "2011-08-03", OrderVotes{DayFirst: 1}},
		{"machine date agrees with month first", page(`<meta property="article:modified_time" content="2011-03-08T10:00:00+07:00">`, "Đăng ngày 03/08/2011", ""), DayFirst, "2011-03-08", OrderVotes{MonthFirst: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := FromHTML([]byte(tc.html), "http://dnn.example/tabid/56/ArticleId/789/x.aspx", Options{Location: loc, Now: now, Order: tc.site, SkipFallback: true})
			if got := p.Date.Time.In(loc).Format(time.DateOnly); got != tc.want {
				t.Errorf("date %s (%s %q), want %s", got, p.Date.Source, p.Date.Raw, tc.want)
			}
			if p.OrderVotes != tc.votes {
				t.Errorf("votes %+v, want %+v", p.OrderVotes, tc.votes)
			}
		})
	}
	var l DateOrder
	if l.Order() != DayFirst {
		t.Error("zero DateOrder is not day first")
	}
	l.Observe(OrderVotes{MonthFirst: 2})
	l.Observe(OrderVotes{DayFirst: 1})
	if l.Order() != MonthFirst || NewDateOrder(l.Votes()).Order() != MonthFirst {
		t.Errorf("votes %+v: order %v, want month-first", l.Votes(), l.Order())
	}
}
