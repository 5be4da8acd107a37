package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/export"
	"sitewatch/store"
	"sitewatch/tally"
)

// Limits on what the correction forms accept.
const (
	// maxFormBytes caps the body of a form post.
	maxFormBytes = 32 << 10
	// maxURLLen caps a submitted URL, in bytes.
	maxURLLen = 2048
	// maxNameLen caps the name of a submitter, in characters.
	maxNameLen = 100
	// maxTextLen caps a note, a reason or a why, in characters.
	maxTextLen = 1000
	// maxPendingClaims caps the claims of one unit waiting for the office.
	maxPendingClaims = 30
	// maxInspectError caps the inspection error kept with a claim.
	maxInspectError = 300
	// inspectTimeout bounds the inspection of a claimed URL.
	inspectTimeout = time.Minute
)

type userKey struct{}

// WithUser returns a copy of ctx carrying the name of the user whose
// password was checked. The service calls it in its authentication
// middleware; the office actions (overrides, claim decisions) are recorded
// under this name and are refused without one.
func WithUser(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, userKey{}, name)
}

// UserFrom returns the authenticated user carried by ctx, "" when none.
func UserFrom(ctx context.Context) string {
	u, _ := ctx.Value(userKey{}).(string)
	return u
}

// authConfigured reports whether settings.auth names at least one user.
func (s *Server) authConfigured() bool {
	return s.cfg.Settings.Auth != nil && len(s.cfg.Settings.Auth.Users) > 0
}

// noUserMessage says why an office action was refused without a user.
func (s *Server) noUserMessage() string {
	if s.authConfigured() {
		return "Điều chỉnh số liệu và duyệt đề nghị cần đăng nhập bằng một tài khoản trong settings.auth."
	}
	return "Chưa có tài khoản nào trong settings.auth của sites.yaml nên sitewatch không cho điều chỉnh số liệu hay duyệt đề nghị (không ai được làm việc này ẩn danh). " +
		"Hãy thêm người dùng vào settings.auth.users (mật khẩu mã hoá bằng lệnh `sitewatch hash-password`) rồi khởi động lại dịch vụ."
}

// sameOrigin refuses unsafe requests (POST …) that do not come from a page
// of this server: the Origin header, or failing it the Referer, must name
// the request's Host, and Sec-Fetch-Site, when sent, must not say another
// site. A request without either header is refused too.
func (s *Server) sameOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if !isSameOrigin(r) {
			s.log.Warn("cross-origin request refused", "path", r.URL.Path, "origin", r.Header.Get("Origin"), "host", r.Host)
			s.renderError(w, r, http.StatusForbidden, "Yêu cầu bị từ chối vì không được gửi từ chính trang sitewatch này. Hãy mở lại trang rồi gửi biểu mẫu.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isSameOrigin applies the check of sameOrigin to one request.
func isSameOrigin(r *http.Request) bool {
	if v := r.Header.Get("Sec-Fetch-Site"); v != "" && v != "same-origin" && v != "none" {
		return false
	}
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" || from == "null" {
		return false
	}
	u, err := url.Parse(from)
	if err != nil || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// refresh rebuilds the snapshot after a correction changed what counts; the
// correction itself is saved whatever happens here.
func (s *Server) refresh(ctx context.Context) {
	if err := s.evals.Refresh(ctx); err != nil {
		s.log.Error("refresh after correction", "err", err)
	}
}

// cleanLine normalises a one-line form value: valid UTF-8 in NFC, no
// control characters, spaces collapsed and trimmed.
func cleanLine(v string) string {
	v = norm.NFC.String(strings.ToValidUTF8(v, ""))
	return strings.Join(strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// cleanText normalises a multi-line form value: like cleanLine, but line
// breaks are kept.
func cleanText(v string) string {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = cleanLine(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// checkPostURL validates a URL typed into a form; problem is "" when it is
// an http or https address, in Vietnamese otherwise.
func checkPostURL(raw string) (problem string) {
	switch {
	case raw == "":
		return "Hãy nhập địa chỉ (URL) của tin bài."
	case len(raw) > maxURLLen:
		return fmt.Sprintf("Địa chỉ tin bài dài quá %d ký tự.", maxURLLen)
	}
	u, err := url.Parse(raw)
	switch {
	case err == nil && u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		return "Địa chỉ tin bài phải bắt đầu bằng http:// hoặc https://."
	case err != nil || u.Scheme == "" || u.Host == "" || u.Hostname() == "":
		return "Địa chỉ tin bài không hợp lệ: hãy dán nguyên địa chỉ bắt đầu bằng http:// hoặc https://."
	case u.User != nil:
		return "Địa chỉ tin bài không được chứa tên đăng nhập hay mật khẩu."
	}
	return ""
}

// tooLong reports whether v has more than n characters.
func tooLong(v string, n int) bool { return utf8.RuneCountInString(v) > n }

// parseForm reads a form post of at most maxFormBytes.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	return r.ParseForm()
}

// claimForm is the claim form with what was typed and what is wrong with it.
type claimForm struct {
	URL, By, Note string
	// From is "unit" when the form is on the unit page.
	From     string
	Problems []string
}

// overrideForm is the office's correction form.
type overrideForm struct {
	URL, Action, Date, Why string
	// To is the unit that sent a portal's post (attribute), or store.NoUnit.
	To       string
	Problems []string
}

// handleClaimPage shows the claim form of a unit on a page of its own,
// reachable without a password even when the status pages need one.
func (s *Server) handleClaimPage(w http.ResponseWriter, r *http.Request) {
	u := s.cfg.Unit(r.PathValue("id"))
	if u == nil {
		s.renderError(w, r, http.StatusNotFound, "Không có đơn vị này trong danh sách theo dõi.")
		return
	}
	s.renderClaimPage(w, r, u, http.StatusOK, claimForm{})
}

// claimPageData is what the claim page shows.
type claimPageData struct {
	ID, Name, URL string
	Enabled       bool
	ClaimForm     claimForm
	ClaimAction   string
	Claims        []claimView
	Notice        string
	// User is always empty: the page is open, the decisions are on the unit page.
	User string
}

func (s *Server) renderClaimPage(w http.ResponseWriter, r *http.Request, u *config.Unit, status int, form claimForm) {
	cs, err := s.unitClaims(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := claimPageData{ID: u.ID, Name: u.Name, URL: u.URL, Enabled: u.IsEnabled(), ClaimForm: form, ClaimAction: unitURL(u.ID) + "/claim"}
	d.Claims, d.Notice = s.claimViews(cs, r.URL.Query().Get("claim"), false)
	s.render(w, r, status, "claim", "Đề nghị tính tin bài: "+u.Name, d)
}

// handleClaim records a unit's claim that the crawler missed a post: the URL
// is validated and inspected, and the claim waits for the office; nothing is
// counted until it is approved.
func (s *Server) handleClaim(w http.ResponseWriter, r *http.Request) {
	u := s.cfg.Unit(r.PathValue("id"))
	if u == nil {
		s.renderError(w, r, http.StatusNotFound, "Không có đơn vị này trong danh sách theo dõi.")
		return
	}
	if !u.IsEnabled() {
		s.renderErrorBack(w, r, http.StatusBadRequest, "Đơn vị này không còn được theo dõi nên không nhận đề nghị.", unitURL(u.ID))
		return
	}
	if err := parseForm(w, r); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "Biểu mẫu gửi lên không đọc được hoặc quá lớn.")
		return
	}
	form := claimForm{
		URL: cleanLine(r.PostFormValue("url")), By: cleanLine(r.PostFormValue("by")),
		Note: cleanText(r.PostFormValue("note")), From: r.PostFormValue("from"),
	}
	if form.From != "unit" {
		form.From = ""
	}
	if p := checkPostURL(form.URL); p != "" {
		form.Problems = append(form.Problems, p)
	}
	switch {
	case form.By == "":
		form.Problems = append(form.Problems, "Hãy ghi họ tên người gửi đề nghị.")
	case tooLong(form.By, maxNameLen):
		form.Problems = append(form.Problems, fmt.Sprintf("Họ tên dài quá %d ký tự.", maxNameLen))
	}
	if tooLong(form.Note, maxTextLen) {
		form.Problems = append(form.Problems, fmt.Sprintf("Ghi chú dài quá %d ký tự.", maxTextLen))
	}
	if len(form.Problems) > 0 {
		s.claimProblem(w, r, u, http.StatusBadRequest, form)
		return
	}
	ctx := r.Context()
	pending, err := s.store.Claims(ctx, store.ClaimPending)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n := 0
	for _, c := range pending {
		if c.UnitID != u.ID {
			continue
		}
		if c.URL == form.URL || c.Inspected.URL == form.URL {
			// Already waiting: show it rather than inspecting again.
			http.Redirect(w, r, claimRedirect(u.ID, form.From, c.ID, nil), http.StatusSeeOther)
			return
		}
		n++
	}
	if n >= maxPendingClaims {
		form.Problems = append(form.Problems, fmt.Sprintf("Đơn vị đã có %d đề nghị đang chờ duyệt. Vui lòng chờ Văn phòng xử lý rồi gửi tiếp.", n))
		s.claimProblem(w, r, u, http.StatusTooManyRequests, form)
		return
	}

	post := s.inspectClaim(ctx, u, form.URL)
	if err := s.noteKnownPost(ctx, u.ID, form.URL, &post); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := s.store.AddClaim(ctx, store.Claim{
		UnitID: u.ID, URL: post.URL, SubmittedBy: form.By, Note: form.Note, Submitted: s.now(), Inspected: post,
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("claim submitted", "claim", id, "unit", u.ID, "url", post.URL, "by", form.By, "dated", !post.Published.IsZero())
	var q *tally.Period
	if !post.Published.IsZero() {
		p := tally.QuarterOf(post.Published, s.cfg.Location)
		q = &p
	}
	http.Redirect(w, r, claimRedirect(u.ID, form.From, id, q), http.StatusSeeOther)
}

// claimProblem shows the claim form again with its problems, on the page it
// was sent from.
func (s *Server) claimProblem(w http.ResponseWriter, r *http.Request, u *config.Unit, status int, form claimForm) {
	if form.From == "unit" {
		s.renderUnit(w, r, u, nil, status, func(d *unitData) { d.ClaimForm = form })
		return
	}
	s.renderClaimPage(w, r, u, status, form)
}

// claimRedirect is where a submitted claim is shown: the unit page (at the
// claim's quarter) or the claim page.
func claimRedirect(unitID, from string, id int64, quarter *tally.Period) string {
	q := url.Values{"claim": {strconv.FormatInt(id, 10)}}
	path := unitURL(unitID) + "/claim"
	if from == "unit" {
		path = unitURL(unitID)
		if quarter != nil {
			q.Set("quarter", quarter.Label)
		}
	}
	return path + "?" + q.Encode() + "#claim-" + strconv.FormatInt(id, 10)
}

// inspectClaim asks the injected inspector what the claimed URL holds. The
// notes for the office (another site, an inspection error, not a post) are
// kept as flags of the inspected post.
func (s *Server) inspectClaim(ctx context.Context, u *config.Unit, raw string) store.Post {
	post := store.Post{UnitID: u.ID, URL: raw, Flags: map[string]string{}}
	if s.inspect == nil {
		post.Flags[store.NoteInspectError] = "máy chủ chưa bật chức năng kiểm tra địa chỉ"
	} else {
		ictx, cancel := context.WithTimeout(ctx, inspectTimeout)
		p, err := s.inspect(ictx, u.ID, raw)
		cancel()
		if err != nil {
			msg := err.Error()
			if errors.Is(err, context.DeadlineExceeded) {
				msg = "trang không trả lời kịp"
			}
			if len(msg) > maxInspectError {
				msg = strings.ToValidUTF8(msg[:maxInspectError], "") + "…"
			}
			post.Flags[store.NoteInspectError] = msg
			s.log.Info("claim inspection failed", "unit", u.ID, "url", raw, "err", err)
		} else {
			flags := post.Flags
			post = p
			post.UnitID = u.ID
			if post.URL == "" || checkPostURL(post.URL) != "" {
				post.URL = raw
			}
			if post.Flags == nil {
				post.Flags = flags
			}
		}
	}
	for _, v := range []string{raw, post.URL} {
		if !crawler.SameSiteURL(u.URL, v) {
			post.Flags[store.NoteOtherSite] = fmt.Sprintf("địa chỉ %s không thuộc trang web %s của đơn vị", v, u.URL)
			break
		}
	}
	return post
}

// noteKnownPost notes on the inspected post whether sitewatch already has
// the post, and whether it counts.
func (s *Server) noteKnownPost(ctx context.Context, unitID, raw string, post *store.Post) error {
	posts, err := s.store.Posts(ctx, store.PostFilter{UnitID: unitID, IncludeGone: true})
	if err != nil {
		return err
	}
	for _, p := range posts {
		if p.URL != raw && p.URL != post.URL {
			continue
		}
		counted, why := tally.Counted(p)
		switch {
		case counted:
			post.Flags[store.NoteKnown] = "đã được tính vào " + strings.ToLower(monthTitle(p.Published.In(s.cfg.Location).Format("2006-01")))
		default:
			post.Flags[store.NoteKnown] = "đã ghi nhận nhưng không tính: " + why
		}
		return nil
	}
	return nil
}

// handleOverride records a correction of the office on one post of a unit.
func (s *Server) handleOverride(w http.ResponseWriter, r *http.Request) {
	user := UserFrom(r.Context())
	if user == "" {
		s.renderError(w, r, http.StatusForbidden, s.noUserMessage())
		return
	}
	u := s.cfg.Unit(r.PathValue("id"))
	if u == nil {
		s.renderError(w, r, http.StatusNotFound, "Không có đơn vị này trong danh sách theo dõi.")
		return
	}
	if err := parseForm(w, r); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "Biểu mẫu gửi lên không đọc được hoặc quá lớn.")
		return
	}
	ctx := r.Context()
	loc := s.cfg.Location
	form := overrideForm{
		URL: cleanLine(r.PostFormValue("url")), Action: r.PostFormValue("action"),
		Date: cleanLine(r.PostFormValue("date")), Why: cleanText(r.PostFormValue("why")), To: cleanLine(r.PostFormValue("to")),
	}
	o := store.Override{UnitID: u.ID, URL: form.URL, Action: form.Action, Who: user, Why: form.Why, At: s.now()}
	var post *store.Post
	if p := checkPostURL(form.URL); p != "" {
		form.Problems = append(form.Problems, p)
	} else {
		posts, err := s.store.Posts(ctx, store.PostFilter{UnitID: u.ID, IncludeGone: true})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for i := range posts {
			if posts[i].URL == form.URL {
				post = &posts[i]
			}
		}
		if post == nil {
			form.Problems = append(form.Problems, "sitewatch chưa ghi nhận tin bài có địa chỉ này của đơn vị. Hãy chép đúng địa chỉ từ danh sách tin bài (nút “Điều chỉnh” ở mỗi tin); tin bị sót thì đơn vị gửi đề nghị.")
		}
	}
	switch form.Action {
	case store.ActionExclude, store.ActionInclude:
	case store.ActionRedate:
		t, ok := parseLocalTime(form.Date, loc)
		if !ok {
			form.Problems = append(form.Problems, "Sửa ngày đăng cần ngày giờ mới, viết dạng 2026-11-05 08:00 (giờ "+loc.String()+").")
		}
		o.Published = t
	case store.ActionAttribute:
		switch {
		case !u.Portal:
			form.Problems = append(form.Problems, "Chỉ tin bài của cổng thông tin (portal) mới là tin do đơn vị gửi về.")
		case form.To == "" || form.To != store.NoUnit && s.cfg.Unit(form.To) == nil:
			form.Problems = append(form.Problems, "Hãy chọn đơn vị đã gửi tin này (hoặc “Không đơn vị nào”).")
		}
		o.AttributedTo = form.To
	default:
		form.Problems = append(form.Problems, "Hãy chọn một việc: không tính, tính, sửa ngày đăng hoặc xác định đơn vị gửi tin.")
	}
	switch {
	case form.Why == "":
		form.Problems = append(form.Problems, "Hãy ghi lý do điều chỉnh (được lưu vào nhật ký và báo cáo).")
	case tooLong(form.Why, maxTextLen):
		form.Problems = append(form.Problems, fmt.Sprintf("Lý do dài quá %d ký tự.", maxTextLen))
	}
	if len(form.Problems) > 0 {
		s.renderUnit(w, r, u, nil, http.StatusBadRequest, func(d *unitData) { d.OverrideForm = form })
		return
	}
	id, err := s.store.AddOverride(ctx, o)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("override recorded", "override", id, "unit", u.ID, "url", o.URL, "action", o.Action, "user", user)
	s.refresh(ctx)
	when := post.Published
	if o.Action == store.ActionRedate {
		when = o.Published
	}
	q := url.Values{"done": {"override-" + strconv.FormatInt(id, 10)}}
	if !when.IsZero() {
		q.Set("quarter", tally.QuarterOf(when, loc).Label)
	}
	http.Redirect(w, r, unitURL(u.ID)+"?"+q.Encode()+"#audit", http.StatusSeeOther)
}

// parseLocalTime reads "2026-11-05 08:00" (or the "2026-11-05T08:00" of a
// datetime-local input) in loc.
func parseLocalTime(v string, loc *time.Location) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// handleDecide approves or rejects a pending claim.
func (s *Server) handleDecide(w http.ResponseWriter, r *http.Request) {
	user := UserFrom(r.Context())
	if user == "" {
		s.renderError(w, r, http.StatusForbidden, s.noUserMessage())
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, "Không có đề nghị này.")
		return
	}
	if err := parseForm(w, r); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "Biểu mẫu gửi lên không đọc được hoặc quá lớn.")
		return
	}
	ctx := r.Context()
	all, err := s.store.Claims(ctx, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var c *store.Claim
	for i := range all {
		if all[i].ID == id {
			c = &all[i]
		}
	}
	if c == nil {
		s.renderError(w, r, http.StatusNotFound, "Không có đề nghị này.")
		return
	}
	back := unitURL(c.UnitID) + "#claim-" + strconv.FormatInt(id, 10)
	decision := r.PostFormValue("decision")
	reason := cleanText(r.PostFormValue("reason"))
	var problem string
	status := http.StatusBadRequest
	switch {
	case c.Status != store.ClaimPending:
		problem = fmt.Sprintf("Đề nghị #%d đã được xử lý trước đó (%s).", id, strings.ToLower(export.ClaimStatusLabel(c.Status)))
		status = http.StatusConflict
	case decision != "approve" && decision != "reject":
		problem = "Hãy chọn duyệt hoặc không duyệt."
	case reason == "":
		problem = "Hãy ghi lý do của quyết định (được lưu vào nhật ký và báo cáo)."
	case tooLong(reason, maxTextLen):
		problem = fmt.Sprintf("Lý do dài quá %d ký tự.", maxTextLen)
	case decision == "approve" && c.Inspected.Published.IsZero():
		problem = fmt.Sprintf("Không duyệt được đề nghị #%d: sitewatch không xác định được ngày đăng ở địa chỉ này. Hãy chọn không duyệt, hoặc đề nghị đơn vị gửi lại đúng địa chỉ tin bài.", id)
		status = http.StatusConflict
	}
	if problem != "" {
		s.renderErrorBack(w, r, status, problem, back)
		return
	}
	if err := s.store.DecideClaim(ctx, id, decision == "approve", user, reason, s.now()); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("claim decided", "claim", id, "unit", c.UnitID, "decision", decision, "user", user)
	s.refresh(ctx)
	q := url.Values{"claim": {strconv.FormatInt(id, 10)}}
	if !c.Inspected.Published.IsZero() {
		q.Set("quarter", tally.QuarterOf(c.Inspected.Published, s.cfg.Location).Label)
	}
	http.Redirect(w, r, unitURL(c.UnitID)+"?"+q.Encode()+"#claim-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// unitClaims returns the claims of a unit, newest first.
func (s *Server) unitClaims(ctx context.Context, unitID string) ([]store.Claim, error) {
	all, err := s.store.Claims(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []store.Claim
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].UnitID == unitID {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// claimView is one claim as the pages show it.
type claimView struct {
	ID                         int64
	Submitted, By, Note, URL   string
	Status, StatusLabel, Class string
	Pending, Highlight         bool
	// What inspecting the URL found.
	Title, Date, DateSource, DateRaw string
	Images, Captioned                int
	Notes                            string
	// The decision.
	DecidedBy, Decided, Reason string
}

// claimViews turns claims into views; highlight is the id of the claim just
// sent or decided, and notice the sentence about it.
func (s *Server) claimViews(cs []store.Claim, highlight string, office bool) ([]claimView, string) {
	loc := s.cfg.Location
	var out []claimView
	var notice string
	for _, c := range cs {
		v := claimView{
			ID: c.ID, Submitted: c.Submitted.In(loc).Format("15:04 02/01/2006"), By: c.SubmittedBy, Note: c.Note, URL: c.URL,
			Status: c.Status, StatusLabel: export.ClaimStatusLabel(c.Status), Pending: c.Status == store.ClaimPending,
			Title: c.Inspected.Title, DateSource: c.Inspected.DateSource, DateRaw: c.Inspected.DateRaw,
			Images: c.Inspected.Images, Captioned: c.Inspected.CaptionedImages, Notes: export.FlagText(c.Inspected.Flags),
			DecidedBy: c.DecidedBy, Reason: c.Reason,
		}
		switch c.Status {
		case store.ClaimApproved:
			v.Class = classOK
		case store.ClaimRejected:
			v.Class = classBad
		default:
			v.Class = classPending
		}
		if !c.Inspected.Published.IsZero() {
			v.Date = c.Inspected.Published.In(loc).Format("02/01/2006 15:04")
		}
		if !c.Decided.IsZero() {
			v.Decided = c.Decided.In(loc).Format("15:04 02/01/2006")
		}
		if highlight != "" && highlight == strconv.FormatInt(c.ID, 10) {
			v.Highlight = true
			switch {
			case v.Pending && office:
				notice = fmt.Sprintf("Đề nghị #%d đang chờ duyệt.", c.ID)
			case v.Pending:
				notice = fmt.Sprintf("Đã ghi nhận đề nghị #%d. Tin bài chỉ được tính khi Văn phòng duyệt; kết quả kiểm tra của sitewatch ở bên dưới.", c.ID)
			default:
				notice = fmt.Sprintf("Đề nghị #%d: %s.", c.ID, strings.ToLower(v.StatusLabel))
			}
		}
		out = append(out, v)
	}
	return out, notice
}

// overrideView is one override in a unit's audit log.
type overrideView struct {
	ID                                   int64
	At, Who, ActionLabel, URL, Title, To string
	Why                                  string
	Highlight                            bool
}
