package notify

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"sitewatch/evaluation"
	"sitewatch/tally"
)

// stateColour is the background of a state cell, as on the status pages.
var stateColour = map[string]string{
	tally.StateMet:      "#e3f4e6",
	tally.StatePending:  "#fff3c4",
	tally.StateMissed:   "#fde2e4",
	tally.StateExempt:   "#eeeeee",
	tally.StateNoQuota:  "#eeeeee",
	tally.StateUpcoming: "#eeeeee",
}

// verdictColour is the background of a verdict cell.
var verdictColour = map[string]string{
	evaluation.StateOK:      "#e3f4e6",
	evaluation.StateWarn:    "#fff3c4",
	evaluation.StateFail:    "#fde2e4",
	evaluation.StateUnknown: "#eeeeee",
}

// The e-mail is styled inline: mail clients drop <style> blocks and never
// run scripts.
var page = template.Must(template.New("mail").Funcs(template.FuncMap{
	"colour": func(s string) string {
		if c, ok := stateColour[s]; ok {
			return c
		}
		return "#ffffff"
	},
	"verdictColour": func(s string) string {
		if c, ok := verdictColour[s]; ok {
			return c
		}
		return "#ffffff"
	},
	"posts": postsText,
	"date":  func(t time.Time) string { return t.Format("15:04 02/01/2006") },
	"captions": func(r Row) string {
		if r.Images == 0 {
			return "không có ảnh"
		}
		return fmt.Sprintf("%d/%d", r.Captioned, r.Images)
	},
}).Parse(`<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{.Block.Name}}: {{.MonthTitle}}</title></head>
<body style="font-family: 'Times New Roman', serif; font-size: 15px; color: #222">
<p>Kính gửi {{if .Block.Leader}}{{.Block.Leader}}, khối trưởng {{.Block.Name}}{{else}}khối trưởng {{.Block.Name}}{{end}},</p>
<p>Sitewatch gửi tình hình cập nhật tin bài trên trang thông tin điện tử của các đơn vị trong khối, <strong>{{.MonthTitle}}</strong>{{if .WithQuota}}: <strong id="met">{{.Met}}/{{.WithQuota}}</strong> đơn vị đạt định mức{{end}}. Bảng chi tiết của khối (tệp XLSX) được đính kèm.</p>
<table id="units" border="1" cellpadding="6" cellspacing="0" style="border-collapse: collapse; border-color: #999">
<thead><tr style="background: #f0f0f0">
<th>Đơn vị</th><th>Loại</th><th>Tin đăng / định mức</th><th>Ảnh có chú thích</th>{{if .HasContributions}}<th>Tin gửi về Sở</th>{{end}}<th>Định mức tháng</th><th>Đánh giá</th><th>Lý do</th>
</tr></thead>
<tbody>
{{range .Rows}}<tr data-unit="{{.UnitID}}" data-state="{{.State}}">
<td>{{.Name}}</td><td>{{.KindName}}</td><td class="posts" style="text-align: right">{{posts .}}</td><td class="captions" style="text-align: right">{{captions .}}</td>{{if $.HasContributions}}<td class="contributions" style="text-align: right">{{with .Contributions}}{{.}}{{else}}–{{end}}</td>{{end}}<td class="state" style="background: {{colour .State}}">{{.StateLabel}}</td><td class="verdict" style="background: {{verdictColour .Verdict}}">{{.VerdictLabel}}</td><td class="reasons">{{range $i, $r := .Reasons}}{{if $i}}<br>{{end}}{{$r}}{{else}}–{{end}}</td>
</tr>
{{end}}</tbody>
</table>
<p style="color: #666; font-size: 13px">Số tin tính theo ngày đăng, giờ {{.Loc}}. Thư do sitewatch gửi tự động lúc {{.Generated.In .Loc | date}}; xin đừng trả lời thư này. Thắc mắc về số liệu xin liên hệ Văn phòng Sở.</p>
</body>
</html>
`))

// postsText is "1/2" against a quota, "3" without one.
func postsText(r Row) string {
	if r.Quota > 0 {
		return fmt.Sprintf("%d/%d", r.Posts, r.Quota)
	}
	return fmt.Sprint(r.Posts)
}

func renderHTML(t Table) (string, error) {
	var b strings.Builder
	if err := page.Execute(&b, t); err != nil {
		return "", err
	}
	return norm.NFC.String(b.String()), nil
}

// renderText is the plain-text part: the same table, one unit a paragraph.
func renderText(t Table) string {
	var b strings.Builder
	greet := "khối trưởng " + t.Block.Name
	if t.Block.Leader != "" {
		greet = t.Block.Leader + ", " + greet
	}
	fmt.Fprintf(&b, "Kính gửi %s,\n\nTình hình cập nhật tin bài của các đơn vị trong khối, %s", greet, t.MonthTitle)
	if t.WithQuota > 0 {
		fmt.Fprintf(&b, ": %d/%d đơn vị đạt định mức", t.Met, t.WithQuota)
	}
	b.WriteString(". Bảng chi tiết (XLSX) được đính kèm.\n\n")
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "- %s (%s): %s tin", r.Name, r.KindName, postsText(r))
		if r.Images > 0 {
			fmt.Fprintf(&b, ", %d/%d ảnh có chú thích", r.Captioned, r.Images)
		}
		if r.Contributions != nil {
			fmt.Fprintf(&b, ", %d tin gửi về Sở", *r.Contributions)
		}
		fmt.Fprintf(&b, "; định mức: %s; đánh giá: %s.\n", strings.ToLower(r.StateLabel), strings.ToLower(r.VerdictLabel))
		for _, why := range r.Reasons {
			fmt.Fprintf(&b, "    %s\n", why)
		}
	}
	b.WriteString("\nThư do sitewatch gửi tự động; xin đừng trả lời thư này.\n")
	return norm.NFC.String(b.String())
}
