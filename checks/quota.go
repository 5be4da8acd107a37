package checks

import (
	"fmt"
	"strconv"
	"strings"

	"sitewatch/tally"
)

// quotaCheck compares the posts of the month with the monthly quota of the
// unit's kind (the provincial dispatch: 2 a month for a Phòng GD&ĐT, 1 for a
// directly affiliated unit, no number for the departments of the Sở).
type quotaCheck struct{}

func (quotaCheck) Name() string { return "quota" }

func (quotaCheck) Evaluate(in Input) Result {
	loc := location(in)
	k := kindOf(in)
	m, ok := lastMonth(in.Month)
	if !ok {
		return result(StateUnknown, "Không có số liệu của tháng cần kiểm tra.", nil)
	}
	month := monthLabel(m.Month)
	d := map[string]string{
		"month":  m.Month,
		"posts":  strconv.Itoa(m.Posts),
		"quota":  strconv.Itoa(m.Quota),
		"status": m.State,
	}
	if in.Month.DaysUnreachable > 0 {
		d["days_unreachable"] = strconv.Itoa(in.Month.DaysUnreachable)
	}
	note := ""
	if in.Month.DaysUnreachable > 0 {
		note = fmt.Sprintf(" Trong tháng có %d ngày không truy cập được trang web.", in.Month.DaysUnreachable)
	}
	if neverCrawled(in) && m.State != tally.StateExempt && m.State != tally.StateNoQuota {
		return result(StateUnknown, fmt.Sprintf("Chưa quét được trang web nên chưa đếm được bài của tháng %s.", month), d)
	}
	// A closed month of the quarter that missed its quota cannot be made up:
	// the quarter, the period of the emulation tally, has failed.
	if missed := missedBefore(in.Quarter, m.Month); len(missed) > 0 && m.State != tally.StateMissed {
		var parts []string
		for _, mm := range missed {
			parts = append(parts, fmt.Sprintf("tháng %s chỉ có %d/%d bài, thiếu %d bài", monthLabel(mm.Month), mm.Posts, mm.Quota, mm.Needed))
		}
		d["missed_months"] = strconv.Itoa(len(missed))
		return result(StateFail, fmt.Sprintf("Không đạt trong %s: %s (tháng %s hiện có %d bài, định mức %d bài/tháng).%s",
			quarterLabel(in), strings.Join(parts, "; "), month, m.Posts, m.Quota, note), d)
	}
	switch m.State {
	case tally.StateExempt:
		return result(StateOK, fmt.Sprintf("Tháng %s được miễn định mức (có %d bài).", month, m.Posts), d)
	case tally.StateNoQuota:
		return result(StateOK, fmt.Sprintf("Loại đơn vị %q không có định mức số bài mỗi tháng (yêu cầu đăng tin đầy đủ, kịp thời); tháng %s có %d bài.",
			k.Name, month, m.Posts), d)
	case tally.StateMet:
		return result(StateOK, fmt.Sprintf("Đạt: tháng %s có %d bài, định mức %d bài/tháng.%s", month, m.Posts, m.Quota, note), d)
	case tally.StatePending:
		left := DaysSince(in.Now, m.Deadline, loc) + 1
		d["needed"] = strconv.Itoa(m.Needed)
		d["deadline"] = m.Deadline.In(loc).Format("2006-01-02")
		d["days_left"] = strconv.Itoa(left)
		return result(StateWarn, fmt.Sprintf("Chưa đủ: tháng %s mới có %d/%d bài, cần đăng thêm %d bài trước hết ngày %s (còn %d ngày).%s",
			month, m.Posts, m.Quota, m.Needed, date(m.Deadline, loc), left, note), d)
	case tally.StateMissed:
		d["needed"] = strconv.Itoa(m.Needed)
		return result(StateFail, fmt.Sprintf("Không đạt: tháng %s chỉ có %d/%d bài, thiếu %d bài.%s", month, m.Posts, m.Quota, m.Needed, note), d)
	}
	return result(StateUnknown, fmt.Sprintf("Trạng thái định mức tháng %s không xác định (%s).", month, m.State), d)
}

// missedBefore lists the months of the quarter tally q before month that
// missed their quota.
func missedBefore(q tally.Unit, month string) []tally.Month {
	var out []tally.Month
	for _, m := range q.Months {
		if m.Month < month && m.State == tally.StateMissed {
			out = append(out, m)
		}
	}
	return out
}
