package checks

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// captionsCheck compares the share of images with a visible caption, in the
// month and in the quarter, with the kind's min_caption_share (the dispatch
// asks for photos "chú thích chính xác, rõ ràng"). The quarter, the period of
// the emulation tally, decides a failure; a month below the share only warns.
type captionsCheck struct{}

func (captionsCheck) Name() string { return "captions" }

func (captionsCheck) Evaluate(in Input) Result {
	k := kindOf(in)
	minShare := DefaultMinCaptionShare
	if k.MinCaptionShare != nil {
		minShare = *k.MinCaptionShare
	}
	month := "tháng"
	if m, ok := lastMonth(in.Month); ok {
		month = "tháng " + monthLabel(m.Month)
	}
	quarter := quarterLabel(in)
	mo, qu := in.Month, in.Quarter
	d := map[string]string{
		"min_share":                strconv.FormatFloat(minShare, 'f', -1, 64),
		"images_month":             strconv.Itoa(mo.Images),
		"captioned_images_month":   strconv.Itoa(mo.CaptionedImages),
		"images_quarter":           strconv.Itoa(qu.Images),
		"captioned_images_quarter": strconv.Itoa(qu.CaptionedImages),
	}
	if mo.Images == 0 && qu.Images == 0 {
		return result(StateOK, fmt.Sprintf("Không có ảnh nào trong %s và %s nên không có ảnh cần chú thích.", month, quarter), d)
	}
	part := func(label string, captioned, images int) string {
		if images == 0 {
			return label + ": không có ảnh"
		}
		return fmt.Sprintf("%s: %d/%d ảnh có chú thích (%s)", label, captioned, images, percent(float64(captioned)/float64(images)))
	}
	text := capitalize(part(quarter, qu.CaptionedImages, qu.Images)) + "; " + part(month, mo.CaptionedImages, mo.Images)
	if qu.Images > 0 {
		d["share_quarter"] = strconv.FormatFloat(float64(qu.CaptionedImages)/float64(qu.Images), 'f', 3, 64)
	}
	if mo.Images > 0 {
		d["share_month"] = strconv.FormatFloat(float64(mo.CaptionedImages)/float64(mo.Images), 'f', 3, 64)
	}
	if qu.AltImages > 0 {
		d["alt_only_images_quarter"] = strconv.Itoa(qu.AltImages)
		text += fmt.Sprintf(". %d ảnh trong quý chỉ có văn bản thay thế (alt), không có chú thích hiển thị", qu.AltImages)
	}
	low := func(captioned, images int) bool {
		return images > 0 && float64(captioned) < minShare*float64(images)
	}
	switch {
	case low(qu.CaptionedImages, qu.Images):
		return result(StateFail, fmt.Sprintf("Tỷ lệ ảnh có chú thích dưới mức %s. %s.", percent(minShare), text), d)
	case low(mo.CaptionedImages, mo.Images):
		return result(StateWarn, fmt.Sprintf("Tỷ lệ ảnh có chú thích trong %s dưới mức %s. %s.", month, percent(minShare), text), d)
	}
	return result(StateOK, fmt.Sprintf("Đạt mức tối thiểu %s ảnh có chú thích. %s.", percent(minShare), text), d)
}

// quarterLabel names the quarter of in.Quarter ("quý 4/2026").
func quarterLabel(in Input) string {
	months := in.Quarter.Months
	if len(months) == 0 {
		months = in.Month.Months
	}
	if len(months) == 0 || len(months[0].Month) != 7 {
		return "quý"
	}
	m, err := strconv.Atoi(months[0].Month[5:])
	if err != nil {
		return "quý"
	}
	return fmt.Sprintf("quý %d/%s", (m-1)/3+1, months[0].Month[:4])
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}
