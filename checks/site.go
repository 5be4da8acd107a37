package checks

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"sitewatch/store"
)

// siteCheck reports the health of the site from the newest crawl: reachable,
// HTTP status, TLS certificate validity and expiry, robots.txt, and whether
// the crawl itself succeeded.
type siteCheck struct{}

func (siteCheck) Name() string { return "site" }

// errorReasons are the Vietnamese words for store.Crawl.ErrorReason labels.
func errorReason(label string, status int) string {
	switch label {
	case "dns":
		return "không phân giải được tên miền (DNS)"
	case "refused":
		return "máy chủ từ chối kết nối"
	case "timeout":
		return "máy chủ không trả lời trong thời gian chờ"
	case "tls":
		return "lỗi chứng chỉ hoặc kết nối bảo mật (TLS)"
	case "robots":
		return "tệp robots.txt không cho phép trình thu thập truy cập"
	case "http_5xx":
		if status > 0 {
			return fmt.Sprintf("máy chủ báo lỗi HTTP %d", status)
		}
		return "máy chủ báo lỗi (HTTP 5xx)"
	case "http_4xx":
		if status > 0 {
			return fmt.Sprintf("trang chủ trả mã HTTP %d", status)
		}
		return "trang chủ trả mã lỗi (HTTP 4xx)"
	case "private", "blocked_address":
		return "địa chỉ trang web (hoặc trang nó chuyển hướng tới) thuộc mạng nội bộ, không được phép quét"
	case "reset":
		return "máy chủ ngắt kết nối giữa chừng"
	case "redirects":
		return "trang web chuyển hướng vòng quanh hoặc quá nhiều lần"
	case "too_large":
		return "trang quá lớn, vượt giới hạn tải về"
	case "":
		if status >= 400 {
			return fmt.Sprintf("trang chủ trả mã HTTP %d", status)
		}
		return "lỗi không xác định"
	}
	return "lỗi " + label
}

func (siteCheck) Evaluate(in Input) Result {
	loc := location(in)
	c := in.Latest
	if c == nil {
		return result(StateUnknown, "Chưa quét trang web lần nào.", nil)
	}
	warnDays := in.TLSWarnDays
	if warnDays <= 0 {
		warnDays = DefaultTLSWarnDays
	}
	maxAge := in.CrawlMaxAge
	if maxAge <= 0 {
		maxAge = DefaultCrawlMaxAge
	}
	at := c.Finished
	if at.IsZero() {
		at = c.Started
	}
	d := map[string]string{
		"outcome":     c.Outcome,
		"http_status": strconv.Itoa(c.HTTPStatus),
		"crawled_at":  at.UTC().Format(time.RFC3339),
	}
	if c.FinalURL != "" {
		d["final_url"] = c.FinalURL
	}
	if c.ErrorReason != "" {
		d["error_reason"] = c.ErrorReason
	}
	if c.Error != "" {
		d["error"] = c.Error
	}
	if !in.LastSuccess.IsZero() {
		d["last_success"] = in.LastSuccess.UTC().Format(time.RFC3339)
	}
	if c.RobotsBlocked {
		d["robots_blocked"] = "true"
	}

	state := StateOK
	var msgs []string
	raise := func(s, msg string) {
		if Rank(s) > Rank(state) {
			state = s
		}
		msgs = append(msgs, msg)
	}

	switch c.Outcome {
	case store.OutcomeFailed:
		reason := errorReason(c.ErrorReason, c.HTTPStatus)
		if c.RobotsBlocked && c.ErrorReason == "" {
			reason = errorReason("robots", 0)
		}
		since := "chưa lần nào quét thành công"
		if !in.LastSuccess.IsZero() {
			days := int(in.Now.Sub(in.LastSuccess) / (24 * time.Hour))
			since = fmt.Sprintf("lần quét thành công gần nhất lúc %s", dateTime(in.LastSuccess, loc))
			if days >= 1 {
				since += fmt.Sprintf(" (%d ngày trước)", days)
			}
			d["days_since_success"] = strconv.Itoa(days)
		}
		raise(StateFail, fmt.Sprintf("Không truy cập được trang web lúc %s: %s; %s.", dateTime(at, loc), reason, since))
	case store.OutcomePartial:
		msg := "Lần quét gần nhất chỉ hoàn thành một phần"
		if c.ErrorReason != "" || c.HTTPStatus >= 400 {
			msg += ": " + errorReason(c.ErrorReason, c.HTTPStatus)
		}
		raise(StateWarn, msg+".")
	}
	if c.Outcome != store.OutcomeFailed {
		if c.HTTPStatus >= 400 {
			raise(StateWarn, fmt.Sprintf("Trang chủ trả mã HTTP %d.", c.HTTPStatus))
		}
		if c.RobotsBlocked {
			raise(StateWarn, "Tệp robots.txt chặn trình thu thập ở một phần trang web; số bài có thể thiếu.")
		}
	}

	https := strings.HasPrefix(strings.ToLower(firstNonEmpty(c.FinalURL, unitURL(in))), "https://")
	d["https"] = strconv.FormatBool(https)
	if c.TLSError != "" {
		d["tls_error"] = c.TLSError
		raise(StateFail, "Chứng chỉ TLS không hợp lệ, trình duyệt sẽ cảnh báo người xem (chi tiết: "+c.TLSError+").")
	}
	if !c.TLSExpiry.IsZero() {
		left := int(math.Floor(c.TLSExpiry.Sub(in.Now).Hours() / 24))
		d["tls_expiry"] = c.TLSExpiry.UTC().Format(time.RFC3339)
		d["tls_days_left"] = strconv.Itoa(left)
		switch {
		case !c.TLSExpiry.After(in.Now):
			if c.TLSError == "" {
				raise(StateFail, fmt.Sprintf("Chứng chỉ TLS đã hết hạn ngày %s.", date(c.TLSExpiry, loc)))
			}
		case left < warnDays:
			raise(StateWarn, fmt.Sprintf("Chứng chỉ TLS sẽ hết hạn ngày %s (còn %d ngày, cần gia hạn).", date(c.TLSExpiry, loc), left))
		}
	}
	if age := in.Now.Sub(at); age > maxAge {
		raise(StateWarn, fmt.Sprintf("Lần quét gần nhất đã cũ (%s), số liệu có thể chưa cập nhật.", dateTime(at, loc)))
	}

	if state == StateOK {
		msg := "Trang web hoạt động bình thường"
		if c.HTTPStatus > 0 {
			msg += fmt.Sprintf(" (HTTP %d)", c.HTTPStatus)
		}
		if !c.TLSExpiry.IsZero() {
			msg += fmt.Sprintf("; chứng chỉ TLS còn hạn đến %s", date(c.TLSExpiry, loc))
		}
		msgs = append(msgs, msg+".")
	}
	if !https {
		msgs = append(msgs, "Trang web chưa dùng HTTPS (khuyến nghị, không bắt buộc đối với trang tin tức).")
	}
	return result(state, strings.Join(msgs, " "), d)
}

// Rank orders states from best (0, ok) to worst (3, fail); an unknown
// check ranks above ok: something could not be checked.
func Rank(s string) int {
	switch s {
	case StateOK:
		return 0
	case StateUnknown:
		return 1
	case StateWarn:
		return 2
	case StateFail:
		return 3
	}
	return 1
}

func unitURL(in Input) string {
	if in.Unit == nil {
		return ""
	}
	return in.Unit.URL
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
