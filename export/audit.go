package export

import (
	"context"
	"fmt"
	"time"

	"sitewatch/store"
)

// AuditSource is what AuditLines reads: the office's overrides and the
// units' claims. *store.Store implements it.
type AuditSource interface {
	// Overrides returns the overrides of a unit (every unit when unitID is
	// empty), oldest first.
	Overrides(ctx context.Context, unitID string) ([]store.Override, error)
	// Claims returns the claims with a status (every claim when empty),
	// oldest first.
	Claims(ctx context.Context, status string) ([]store.Claim, error)
}

var _ AuditSource = (*store.Store)(nil)

// AuditLines renders the audit log for the criteria sheet of the report
// (Report.Overrides) and for `sitewatch override --list`: every override of
// the office, then every decided claim, one Vietnamese line each, times in
// loc. Pending claims change no count and are left out.
func AuditLines(ctx context.Context, src AuditSource, loc *time.Location) ([]string, error) {
	ovs, err := src.Overrides(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("export: audit: %w", err)
	}
	var out []string
	for _, o := range ovs {
		line := fmt.Sprintf("%s — %s: %s %s", o.At.In(loc).Format("02/01/2006 15:04"), o.Who, ActionLabel(o.Action), o.URL)
		if o.Action == store.ActionRedate {
			line += " → " + o.Published.In(loc).Format("02/01/2006 15:04")
		}
		if o.Action == store.ActionAttribute {
			to := o.AttributedTo
			if to == store.NoUnit {
				to = "không đơn vị nào"
			}
			line += " → " + to
		}
		out = append(out, line+" ("+o.UnitID+"). Lý do: "+o.Why)
	}
	cs, err := src.Claims(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("export: audit: %w", err)
	}
	for _, c := range cs {
		if c.Status == store.ClaimPending {
			continue
		}
		verdict := "duyệt"
		if c.Status == store.ClaimRejected {
			verdict = "không duyệt"
		}
		out = append(out, fmt.Sprintf("%s — %s: %s đề nghị #%d của %s (%s). Lý do: %s", c.Decided.In(loc).Format("02/01/2006 15:04"), c.DecidedBy, verdict, c.ID, c.UnitID, c.URL, c.Reason))
	}
	return out, nil
}

// ActionLabel is the Vietnamese name of an override action (store.ActionExclude …);
// an unknown action is returned as is.
func ActionLabel(action string) string {
	switch action {
	case store.ActionExclude:
		return "không tính bài"
	case store.ActionInclude:
		return "tính bài"
	case store.ActionRedate:
		return "sửa ngày đăng"
	case store.ActionAttribute:
		return "xác định đơn vị gửi tin"
	}
	return action
}

// ClaimStatusLabel is the Vietnamese name of a claim status (store.ClaimPending …).
func ClaimStatusLabel(status string) string {
	switch status {
	case store.ClaimPending:
		return "Chờ duyệt"
	case store.ClaimApproved:
		return "Đã duyệt"
	case store.ClaimRejected:
		return "Không duyệt"
	}
	return status
}
