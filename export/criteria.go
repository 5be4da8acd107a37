package export

import (
	"fmt"
	"sort"
	"strings"
)

// legalBasis cites the national circular in force and the one the dispatch names.
const legalBasis = "Thông tư 37/2020/TT-BGDĐT của Bộ Giáo dục và Đào tạo quy định về tổ chức hoạt động, sử dụng thư điện tử " +
	"và cổng thông tin điện tử tại sở giáo dục và đào tạo, phòng giáo dục và đào tạo và các cơ sở giáo dục mầm non, " +
	"giáo dục phổ thông và giáo dục thường xuyên (có hiệu lực từ 20/11/2020), thay thế Thông tư 53/2012/TT-BGDĐT được nêu trong công văn."

// Criteria lists, as (label, text) pairs, the rules the report applied, so
// that the file explains itself: period, zone, quotas by kind, exemptions,
// what counts, and the legal basis, then the audit log of office overrides.
func (r *Report) Criteria() [][2]string {
	loc := r.loc()
	out := [][2]string{
		{"Kỳ báo cáo", PeriodTitle(r.Period) + " (" + periodDates(r.Period) + ")"},
		{"Múi giờ", loc.String() + ": ngày, tháng của tin bài được xác định theo giờ này"},
	}
	if !r.DataAsOf.IsZero() {
		out = append(out, [2]string{"Số liệu thu thập đến", r.DataAsOf.In(loc).Format("15:04 ngày 02/01/2006")})
	} else {
		out = append(out, [2]string{"Số liệu thu thập đến", "chưa có lần thu thập nào"})
	}
	if !r.Generated.IsZero() {
		out = append(out, [2]string{"Thời điểm lập báo cáo", r.Generated.In(loc).Format("15:04 ngày 02/01/2006")})
	}
	for _, id := range r.Config.KindOrder {
		k := r.Config.Kinds[id]
		if k == nil {
			continue
		}
		var parts []string
		if k.MonthlyQuota > 0 {
			parts = append(parts, fmt.Sprintf("tối thiểu %d tin bài/tháng", k.MonthlyQuota))
		} else {
			parts = append(parts, "không quy định số tin bài/tháng (cập nhật đầy đủ, kịp thời)")
		}
		if k.StaleAfterDays > 0 {
			parts = append(parts, fmt.Sprintf("quá %d ngày không có tin mới được coi là chậm cập nhật", k.StaleAfterDays))
		}
		if k.MinCaptionShare != nil {
			parts = append(parts, fmt.Sprintf("ảnh có chú thích tối thiểu %.0f%% số ảnh", 100**k.MinCaptionShare))
		}
		out = append(out, [2]string{"Định mức: " + k.Name, strings.Join(parts, "; ")})
	}
	if ex := r.exemptions(); ex != "" {
		out = append(out, [2]string{"Tháng được miễn định mức", ex})
	}
	out = append(out,
		[2]string{"Đánh giá tháng", "Đạt: đủ số tin bài định mức. Không đạt: tháng đã kết thúc mà chưa đủ. " +
			"Đang chờ: tháng chưa kết thúc, chưa đủ. Miễn: tháng được miễn định mức. Không định mức: loại đơn vị không quy định số tin."},
		[2]string{"Cách tính tin bài", "Mỗi tin bài được tính vào tháng của ngày đăng (theo múi giờ trên). Tin đã gỡ khỏi trang web vẫn được tính vì đã được đăng. " +
			"Không tính: tin không xác định được ngày đăng, tin văn phòng đã loại, tin trùng nội dung với tin đã có, tin được đánh dấu không tính (ví dụ đăng lùi ngày vào tháng đã chốt)."},
		[2]string{"Ảnh và ảnh có chú thích", "Ảnh nội dung của tin bài, kể cả ảnh đại diện; không tính logo, biểu tượng, băng rôn. " +
			"Ảnh có chú thích: có dòng chú thích hiển thị kèm ảnh; chỉ có thuộc tính alt thì không tính là có chú thích."},
		[2]string{"Tin mới nhất", "Ngày đăng của tin bài được tính mới nhất của đơn vị, kể cả trước kỳ báo cáo."},
		[2]string{"Số ngày không truy cập được", "Số ngày trong kỳ mà mọi lần thu thập đều thất bại; số liệu những ngày này có thể thiếu."},
		[2]string{"Nguồn số liệu", "Thu thập tự động bằng sitewatch từ trang web của từng đơn vị (nguồn tin RSS/Atom, sơ đồ trang, trang danh sách tin). " +
			"Chi tiết từng tin (ngày đăng, nguồn ngày đăng, cách tìm thấy) ở trang \"" + SheetPosts + "\"."},
		[2]string{"Căn cứ", r.dispatch() + "; " + legalBasis},
	)
	if len(r.Overrides) == 0 {
		out = append(out, [2]string{"Điều chỉnh của văn phòng", "Không có"})
	}
	for i, o := range r.Overrides {
		out = append(out, [2]string{fmt.Sprintf("Điều chỉnh của văn phòng (%d)", i+1), o})
	}
	return out
}

// exemptions lists the exempt months of the deployment, the kinds and the units.
func (r *Report) exemptions() string {
	var parts []string
	if len(r.Config.Settings.Exemptions) > 0 {
		parts = append(parts, "tất cả đơn vị: "+strings.Join(r.Config.Settings.Exemptions, ", "))
	}
	for _, id := range r.Config.KindOrder {
		if k := r.Config.Kinds[id]; k != nil && len(k.Exemptions) > 0 {
			parts = append(parts, k.Name+": "+strings.Join(k.Exemptions, ", "))
		}
	}
	var units []string
	for _, u := range r.Config.Units {
		if len(u.Exemptions) > 0 {
			units = append(units, u.Name+": "+strings.Join(u.Exemptions, ", "))
		}
	}
	sort.Strings(units)
	return strings.Join(append(parts, units...), "; ")
}
