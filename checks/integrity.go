package checks

import (
	"strings"

	"sitewatch/store"
)

// integrityCheck reports a compromised site (betting spam, defacement, a
// parked or for-sale domain), distinct from a stale or unreachable one, and
// a site that moved to a new address. The evidence comes from the newest
// crawl: store.Crawl.Sections[store.SectionCompromised] and [store.SectionMovedTo].
type integrityCheck struct{}

func (integrityCheck) Name() string { return "integrity" }

func (integrityCheck) Evaluate(in Input) Result {
	if in.Latest == nil || in.Latest.Outcome == "failed" {
		return result("unknown", "Chưa kiểm tra được: lần quét gần nhất không đọc được trang chủ.", nil)
	}
	ev := in.Latest.Sections[store.SectionCompromised]
	moved := in.Latest.Sections[store.SectionMovedTo]
	details := map[string]string{}
	if moved != "" {
		details["moved_to"] = moved
	}
	if ev != "" {
		details["evidence"] = ev
		return result("fail", "Trang web có dấu hiệu bị xâm nhập (liên kết hoặc nội dung cờ bạc, bị thay giao diện, hoặc tên miền bị bỏ): "+firstN(ev, 300)+". Cần báo đơn vị xử lý ngay.", details)
	}
	if moved != "" {
		return result("warn", "Trang web đã chuyển sang địa chỉ mới "+moved+": đề nghị cập nhật sites.yaml (lịch sử vẫn giữ nguyên).", details)
	}
	return result("ok", "Không thấy dấu hiệu trang web bị xâm nhập.", nil)
}

func firstN(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
