package checks

import (
	"fmt"
	"strings"

	"sitewatch/config"
	"sitewatch/store"
)

// Legal sources cited by the sections check.
const (
	// ContentCircular is the circular on school and office websites; it
	// replaced Thông tư 53/2012/TT-BGDĐT named in the provincial dispatch.
	ContentCircular = "Thông tư 37/2020/TT-BGDĐT (thay thế Thông tư 53/2012/TT-BGDĐT)"
	// PortalCircular sets the page rules (footer, sitemap, alternative texts).
	PortalCircular = "Thông tư 32/2017/TT-BTTTT"
)

// PageRule is a page-level requirement the crawler records in
// store.Crawl.Sections beside the kind's required sections.
type PageRule struct {
	// Key is the key in store.Crawl.Sections.
	Key string
	// Label is the Vietnamese name shown to staff.
	Label string
}

// PageRules lists the page rules of the portal circular, in report order.
func PageRules() []PageRule {
	return []PageRule{
		{store.SectionFooterResponsible, "Chân trang: người chịu trách nhiệm"},
		{store.SectionFooterAddress, "Chân trang: địa chỉ"},
		{store.SectionFooterPhone, "Chân trang: số điện thoại"},
		{store.SectionFooterEmail, "Chân trang: thư điện tử"},
		{store.SectionSitemapXML, "Tệp sơ đồ trang /sitemap.xml"},
	}
}

// Detail values of the sections check for items not found.
const (
	DetailMissing    = "thiếu"
	DetailNotChecked = "chưa kiểm tra"
)

// sectionsCheck reports which sections required for the unit's kind were
// found (with the page) and which are missing, from the newest crawl. A
// missing required section fails; a missing page rule only warns.
type sectionsCheck struct{}

func (sectionsCheck) Name() string { return "sections" }

func (sectionsCheck) Evaluate(in Input) Result {
	k := kindOf(in)
	c := in.Latest
	if c == nil {
		return result(StateUnknown, "Chưa quét trang web lần nào nên chưa kiểm tra được các mục nội dung.", nil)
	}
	if len(c.Sections) == 0 {
		return result(StateUnknown, "Lần quét gần nhất chưa kiểm tra được các mục nội dung (trang web không truy cập được hoặc chưa quét trang chủ).", nil)
	}
	d := map[string]string{}
	look := func(key string) (string, bool) {
		u, looked := c.Sections[key]
		switch {
		case !looked:
			d[key] = DetailNotChecked
		case u == "":
			d[key] = DetailMissing
		default:
			d[key] = u
		}
		return u, looked
	}
	var missing, unchecked []string
	found := 0
	for _, r := range k.Required {
		u, looked := look(r.ID)
		switch {
		case !looked:
			unchecked = append(unchecked, label(r))
		case u == "":
			missing = append(missing, label(r))
		default:
			found++
		}
	}
	var pageMissing []string
	for _, p := range PageRules() {
		if u, looked := look(p.Key); looked && u == "" {
			pageMissing = append(pageMissing, p.Label)
		}
	}

	var msgs []string
	state := StateOK
	total := len(k.Required)
	switch {
	case total == 0:
		msgs = append(msgs, "Loại đơn vị này không có danh mục nội dung bắt buộc.")
	case len(missing) > 0:
		state = StateFail
		msgs = append(msgs, fmt.Sprintf("Thiếu %d/%d mục nội dung bắt buộc theo %s: %s.",
			len(missing), total, ContentCircular, strings.Join(missing, "; ")))
	case len(unchecked) == total:
		state = StateUnknown
		msgs = append(msgs, "Chưa kiểm tra được các mục nội dung bắt buộc.")
	default:
		msgs = append(msgs, fmt.Sprintf("Có đủ %d/%d mục nội dung bắt buộc theo %s.", found, total-len(unchecked), ContentCircular))
	}
	if len(unchecked) > 0 && len(unchecked) < total {
		msgs = append(msgs, fmt.Sprintf("Chưa kiểm tra: %s.", strings.Join(unchecked, "; ")))
	}
	if len(pageMissing) > 0 {
		if state == StateOK {
			state = StateWarn
		}
		msgs = append(msgs, fmt.Sprintf("Chưa đạt yêu cầu trình bày theo %s: %s.", PortalCircular, strings.Join(pageMissing, "; ")))
	}
	return result(state, strings.Join(msgs, " "), d)
}

func label(r config.Requirement) string {
	if r.Label != "" {
		return r.Label
	}
	return r.ID
}
