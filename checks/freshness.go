package checks

import (
	"fmt"
	"strconv"
)

// freshnessCheck counts the days since the newest post, in the configured
// zone, against the kind's stale_after_days.
type freshnessCheck struct{}

func (freshnessCheck) Name() string { return "freshness" }

func (freshnessCheck) Evaluate(in Input) Result {
	loc := location(in)
	k := kindOf(in)
	limit := k.StaleAfterDays
	newest := in.Quarter.Newest
	if in.Month.Newest.After(newest) {
		newest = in.Month.Newest
	}
	d := map[string]string{"stale_after_days": strconv.Itoa(limit)}
	if newest.IsZero() {
		if neverCrawled(in) {
			return result(StateUnknown, "Chưa quét được trang web nên chưa biết bài mới nhất.", d)
		}
		return result(StateFail, "Chưa tìm thấy bài nào có ngày đăng trên trang web.", d)
	}
	days := DaysSince(newest, in.Now, loc)
	if days < 0 {
		days = 0
	}
	d["newest_post"] = newest.In(loc).Format("2006-01-02T15:04:05Z07:00")
	d["days_since_last_post"] = strconv.Itoa(days)
	if limit > 0 && days >= limit {
		return result(StateFail, fmt.Sprintf("Đã %d ngày không có bài mới (bài mới nhất ngày %s); ngưỡng %d ngày.",
			days, date(newest, loc), limit), d)
	}
	when := fmt.Sprintf("cách đây %d ngày", days)
	if days == 0 {
		when = "hôm nay"
	}
	return result(StateOK, fmt.Sprintf("Bài mới nhất đăng ngày %s, %s (ngưỡng %d ngày).", date(newest, loc), when, limit), d)
}
