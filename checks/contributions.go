package checks

import (
	"fmt"
	"strconv"

	"sitewatch/tally"
)

// contributionsCheck compares the items the unit sent to the portals in the
// month (the portals' posts attributed to it) with its kind's
// monthly_contribution_quota, as quotaCheck does with its own posts. A kind
// without that quota passes.
type contributionsCheck struct{}

func (contributionsCheck) Name() string { return "contributions" }

func (contributionsCheck) Evaluate(in Input) Result {
	loc := location(in)
	ms := in.Contributions.Months
	if len(ms) == 0 {
		return result(StateOK, "Không có định mức tin gửi về Sở.", nil)
	}
	m := ms[len(ms)-1]
	month := monthLabel(m.Month)
	d := map[string]string{"month": m.Month, "contributions": strconv.Itoa(m.Posts), "quota": strconv.Itoa(m.Quota), "status": m.State}
	switch m.State {
	case tally.StateNoQuota:
		return result(StateOK, fmt.Sprintf("Không có định mức tin gửi về Sở; tháng %s có %d tin được đăng.", month, m.Posts), d)
	case tally.StateExempt:
		return result(StateOK, fmt.Sprintf("Tháng %s được miễn định mức (có %d tin gửi về Sở được đăng).", month, m.Posts), d)
	case tally.StateMet:
		return result(StateOK, fmt.Sprintf("Đạt: tháng %s có %d tin gửi về Sở được đăng, định mức %d tin/tháng.", month, m.Posts, m.Quota), d)
	case tally.StatePending:
		d["needed"] = strconv.Itoa(m.Needed)
		left := DaysSince(in.Now, m.Deadline, loc) + 1
		return result(StateWarn, fmt.Sprintf("Chưa đủ: tháng %s mới có %d/%d tin gửi về Sở được đăng, cần thêm %d tin trước hết ngày %s (còn %d ngày).",
			month, m.Posts, m.Quota, m.Needed, date(m.Deadline, loc), left), d)
	case tally.StateMissed:
		d["needed"] = strconv.Itoa(m.Needed)
		return result(StateFail, fmt.Sprintf("Không đạt: tháng %s chỉ có %d/%d tin gửi về Sở được đăng, thiếu %d tin.", month, m.Posts, m.Quota, m.Needed), d)
	}
	return result(StateUnknown, fmt.Sprintf("Trạng thái định mức tin gửi về Sở tháng %s không xác định (%s).", month, m.State), d)
}
