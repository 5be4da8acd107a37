package notify_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/mail"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/emersion/go-smtp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"sitewatch/config"
	"sitewatch/export"
	"sitewatch/notify"
	"sitewatch/service"
	"sitewatch/store"
	"sitewatch/tally"
)

// now is the morning of the notice about November: 2 December 2026, 07:00 +07.
var now = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)

const registry = `settings:
  notify: {host: 127.0.0.1, port: %d, tls: %s, %s from: "Thi đua – Khen thưởng Sở GD&ĐT <thidua@so.example.gov.vn>", attempts: 3, backoff: 1m}
units:
  - {id: pgd-cu-jut, name: "Phòng GD&ĐT huyện Cư Jút", kind: phong_gddt, block: "Khối 1", url: "https://pgdcujut.example.edu.vn/"}
  - {id: pgd-dak-mil, name: "Phòng GD&ĐT huyện Đắk Mil", kind: phong_gddt, block: "Khối 1", url: "https://pgddakmil.example.edu.vn/"}
  - {id: thpt-chu-van-an, name: "Trường THPT Chu Văn An", kind: truc_thuoc, block: "Khối 2", url: "https://thptcva.example.edu.vn/"}
  - {id: thpt-dak-mil, name: "Trường THPT Đắk Mil", kind: truc_thuoc, block: "Khối 2", url: "https://thptdakmil.example.edu.vn/"}
  - {id: ttgdtx, name: "Trung tâm GDNN-GDTX tỉnh", kind: truc_thuoc, block: "Khối 3", url: "https://ttgdtx.example.edu.vn/"}
  - {id: so-portal, name: "Cổng thông tin Sở GD&ĐT", kind: phong_so, block: "Sở", url: "https://so.example.gov.vn/", portal: true}
blocks:
  - {name: "Khối 1", leader: "Nguyễn Thị Hoa", emails: ["Nguyễn Thị Hoa <hoa@pgdcujut.example.edu.vn>", "vanphong@so.example.gov.vn"]}
  - {name: "Khối 2", leader: "Trần Văn Bình", emails: ["binh@thptcva.example.edu.vn"]}
`

// fixture is a store with November's posts of five units in three blocks
// (Khối 3 has no recipients).
type fixture struct {
	cfg *config.Config
	st  *store.Store
	// posts counts the posts of each unit saved for November.
	posts map[string]int
}

type post struct {
	unit, date       string
	images, captions int
	// by is, for a post of the portal, the unit that sent it.
	by string
}

var posts = []post{
	{"pgd-cu-jut", "2026-11-03T08:00:00+07:00", 3, 2, ""},
	{"pgd-cu-jut", "2026-11-20T15:00:00+07:00", 1, 1, ""},
	{"pgd-dak-mil", "2026-11-12T09:00:00+07:00", 2, 2, ""},
	{"pgd-dak-mil", "2026-10-30T09:00:00+07:00", 1, 1, ""}, // October: not in the notice
	{"thpt-chu-van-an", "2026-11-05T10:00:00+07:00", 4, 1, ""},
	{"ttgdtx", "2026-11-06T10:00:00+07:00", 1, 1, ""},
	// What the units sent to the Sở's portal.
	{"so-portal", "2026-11-04T10:00:00+07:00", 2, 2, "pgd-cu-jut"},
	{"so-portal", "2026-11-18T10:00:00+07:00", 1, 1, "pgd-cu-jut"},
	{"so-portal", "2026-10-18T10:00:00+07:00", 1, 1, "pgd-cu-jut"}, // October
	{"so-portal", "2026-11-09T10:00:00+07:00", 3, 0, "thpt-chu-van-an"},
	{"so-portal", "2026-11-10T10:00:00+07:00", 1, 0, ""}, // nobody could tell
}

func newFixture(t *testing.T, port int, tlsMode, auth string) *fixture {
	t.Helper()
	cfg, err := config.Parse("sites.yaml", []byte(fmt.Sprintf(registry, port, tlsMode, auth)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "sitewatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := service.SyncUnits(ctx, st, cfg, now); err != nil {
		t.Fatal(err)
	}
	f := &fixture{cfg: cfg, st: st, posts: map[string]int{}}
	byUnit := map[string][]store.Post{}
	for i, p := range posts {
		pub, err := time.Parse(time.RFC3339, p.date)
		if err != nil {
			t.Fatal(err)
		}
		byUnit[p.unit] = append(byUnit[p.unit], store.Post{
			UnitID: p.unit, URL: fmt.Sprintf("https://%s.example.edu.vn/tin/%d", p.unit, i), Title: fmt.Sprintf("Tin hoạt động số %d", i),
			Published: pub.UTC(), DateSource: "meta", Images: p.images, CaptionedImages: p.captions, Flags: map[string]string{},
			ContributedBy: p.by,
		})
		if pub.Month() == time.November {
			f.posts[p.unit]++
		}
	}
	for _, u := range cfg.Units {
		c := store.Crawl{UnitID: u.ID, Started: now.Add(-2 * time.Hour), Finished: now.Add(-time.Hour), Outcome: store.OutcomeOK, HTTPStatus: 200}
		if _, err := st.SaveCrawl(ctx, &store.CrawlResult{Crawl: c, Posts: byUnit[u.ID]}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *fixture) notices(t *testing.T) []notify.Message {
	t.Helper()
	month, err := tally.ParseMonth("2026-11", f.cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := service.Notices(context.Background(), f.cfg, f.st, month, now)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// readBack is a received message taken apart.
type readBack struct {
	Header     mail.Header
	Subject    string
	From       *mail.Address
	To         []*mail.Address
	Text, HTML string
	Attachment []byte
	FileName   string
}

func parseMessage(t *testing.T, data []byte) readBack {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var rb readBack
	rb.Header = m.Header
	dec := new(mime.WordDecoder)
	if rb.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	if rb.From, err = mail.ParseAddress(m.Header.Get("From")); err != nil {
		t.Fatal(err)
	}
	if rb.To, err = m.Header.AddressList("To"); err != nil {
		t.Fatal(err)
	}
	typ, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || typ != "multipart/mixed" {
		t.Fatalf("content type %q (%v)", m.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		typ, params, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		switch {
		case typ == "multipart/alternative":
			ar := multipart.NewReader(p, params["boundary"])
			for {
				ap, err := ar.NextPart()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				body, err := io.ReadAll(ap) // quoted-printable, decoded by the reader
				if err != nil {
					t.Fatal(err)
				}
				at, ap2, _ := mime.ParseMediaType(ap.Header.Get("Content-Type"))
				if ap2["charset"] != "utf-8" {
					t.Errorf("%s part charset %q", at, ap2["charset"])
				}
				switch at {
				case "text/plain":
					rb.Text = string(body)
				case "text/html":
					rb.HTML = string(body)
				}
			}
		case p.Header.Get("Content-Transfer-Encoding") == "base64":
			rb.FileName = p.FileName()
			raw, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, p))
			if err != nil {
				t.Fatal(err)
			}
			rb.Attachment = raw
			if typ != notify.XLSXType {
				t.Errorf("attachment type %q", typ)
			}
		}
	}
	return rb
}

// want is what one block's message must say about one unit.
type wantRow struct {
	posts, state, captions, contributions string
	reason                                string // a reason that must be listed ("" : none required)
	verdict                               string // the overall state ("" : not checked)
}

func TestNotifyDeliversOneMessagePerBlock(t *testing.T) {
	t.Parallel()
	ms := startMailServer(t, &mailServer{}, nil)
	f := newFixture(t, ms.Port, "none", "")
	msgs := f.notices(t)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2 (Khối 3 has no recipients)", len(msgs))
	}
	var mu sync.Mutex
	results := map[string]error{}
	q := notify.NewQueue(notify.QueueOptions{
		Sender: &notify.SMTP{Config: f.cfg.Settings.Notify}, Attempts: 3, Backoff: time.Minute,
		Wait: (&recordedWaits{}).wait, Logger: slog.New(slog.DiscardHandler),
		Result: func(block string, err error, _ time.Time) { mu.Lock(); results[block] = err; mu.Unlock() },
	})
	for _, m := range msgs {
		if err := q.Deliver(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if len(results) != 2 || results["Khối 1"] != nil || results["Khối 2"] != nil {
		t.Errorf("results %v", results)
	}

	got := ms.messages()
	if len(got) != 2 {
		t.Fatalf("server received %d messages, want 2", len(got))
	}
	blocks := map[string]struct {
		rcpt []string
		rows map[string]wantRow
		met  string
	}{
		"Khối 1": {
			rcpt: []string{"hoa@pgdcujut.example.edu.vn", "vanphong@so.example.gov.vn"},
			rows: map[string]wantRow{
				"pgd-cu-jut":  {posts: "2/2", state: "Đạt", captions: "3/4", contributions: "2"},
				"pgd-dak-mil": {posts: "1/2", state: "Không đạt", captions: "2/2", contributions: "0", reason: "Định mức bài", verdict: "Không đạt"},
			},
			met: "1/2",
		},
		"Khối 2": {
			rcpt: []string{"binh@thptcva.example.edu.vn"},
			rows: map[string]wantRow{
				"thpt-chu-van-an": {posts: "1/1", state: "Đạt", captions: "1/4", contributions: "1", reason: "Chú thích ảnh"},
				"thpt-dak-mil":    {posts: "0/1", state: "Không đạt", captions: "không có ảnh", contributions: "0", reason: "Định mức bài", verdict: "Không đạt"},
			},
			met: "1/2",
		},
	}
	seen := map[string]bool{}
	for _, r := range got {
		rb := parseMessage(t, r.Data)
		var block string
		for name := range blocks {
			if strings.Contains(rb.Subject, name) {
				block = name
			}
		}
		w, ok := blocks[block]
		if !ok {
			t.Errorf("subject %q names no block", rb.Subject)
			continue
		}
		seen[block] = true
		if want := "[sitewatch] " + block + ": tình hình cập nhật tin bài tháng 11/2026"; rb.Subject != want {
			t.Errorf("subject %q, want %q", rb.Subject, want)
		}
		if !slices.Equal(r.To, w.rcpt) {
			t.Errorf("%s: envelope recipients %v, want %v", block, r.To, w.rcpt)
		}
		var to []string
		for _, a := range rb.To {
			to = append(to, a.Address)
		}
		if !slices.Equal(to, w.rcpt) {
			t.Errorf("%s: To header %v, want %v", block, to, w.rcpt)
		}
		if block == "Khối 1" && rb.To[0].Name != "Nguyễn Thị Hoa" {
			t.Errorf("recipient name decoded as %q", rb.To[0].Name)
		}
		if r.From != "thidua@so.example.gov.vn" || rb.From.Name != "Thi đua – Khen thưởng Sở GD&ĐT" {
			t.Errorf("sender %q / %+v", r.From, rb.From)
		}
		if id := rb.Header.Get("Message-ID"); !strings.HasSuffix(id, "@so.example.gov.vn>") {
			t.Errorf("Message-ID %q", id)
		}
		if d, err := rb.Header.Date(); err != nil || !d.Equal(now) {
			t.Errorf("Date %v (%v), want %v", d, err, now)
		}
		for _, s := range []string{rb.Subject, rb.HTML, rb.Text} {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s: text not in NFC", block)
			}
		}

		// The HTML table, parsed.
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(rb.HTML))
		if err != nil {
			t.Fatal(err)
		}
		if n := doc.Find("script").Length(); n != 0 {
			t.Errorf("%s: %d scripts in the e-mail", block, n)
		}
		rows := doc.Find("#units tbody tr")
		if rows.Length() != len(w.rows) {
			t.Errorf("%s: %d rows, want %d", block, rows.Length(), len(w.rows))
		}
		rows.Each(func(_ int, tr *goquery.Selection) {
			id, _ := tr.Attr("data-unit")
			want, ok := w.rows[id]
			if !ok {
				t.Errorf("%s: unexpected unit %q in the table", block, id)
				return
			}
			cell := func(c string) string { return strings.TrimSpace(tr.Find("td." + c).Text()) }
			if cell("posts") != want.posts || cell("state") != want.state || cell("captions") != want.captions || cell("contributions") != want.contributions {
				t.Errorf("%s %s: posts %q state %q captions %q contributions %q, want %+v", block, id, cell("posts"), cell("state"), cell("captions"), cell("contributions"), want)
			}
			if want.verdict != "" && cell("verdict") != want.verdict {
				t.Errorf("%s %s: verdict %q, want %q", block, id, cell("verdict"), want.verdict)
			}
			if want.reason != "" && !strings.Contains(cell("reasons"), want.reason) {
				t.Errorf("%s %s: reasons %q lack %q", block, id, cell("reasons"), want.reason)
			}
		})
		if got := doc.Find("#met").Text(); got != w.met {
			t.Errorf("%s: met %q, want %q", block, got, w.met)
		}
		if !strings.Contains(rb.HTML, "Kính gửi") || !strings.Contains(rb.Text, "Kính gửi") {
			t.Errorf("%s: no greeting", block)
		}

		// The attachment: the block's workbook, with the block's units only.
		if !strings.HasPrefix(rb.FileName, "bao-cao-2026-11-khoi-") || !strings.HasSuffix(rb.FileName, ".xlsx") {
			t.Errorf("%s: attachment %q", block, rb.FileName)
		}
		x, err := excelize.OpenReader(bytes.NewReader(rb.Attachment))
		if err != nil {
			t.Fatalf("%s: attachment is not a workbook: %v", block, err)
		}
		sum, err := x.GetRows(export.SheetSummary)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, u := range f.cfg.Units {
			names[u.Name] = u.ID
		}
		found := map[string]string{}
		for _, row := range sum {
			if len(row) > 6 {
				if id, ok := names[row[1]]; ok {
					found[id] = row[6] // posts of the month
				}
			}
		}
		if len(found) != len(w.rows) {
			t.Errorf("%s: workbook lists %v, want the block's %d units", block, found, len(w.rows))
		}
		for id := range w.rows {
			if found[id] != fmt.Sprint(f.posts[id]) {
				t.Errorf("%s: workbook says %s posted %q, want %d", block, id, found[id], f.posts[id])
			}
		}
		list, err := x.GetRows(export.SheetPosts)
		if err != nil {
			t.Fatal(err)
		}
		wantPosts := 0
		for id := range w.rows {
			wantPosts += f.posts[id]
		}
		if n := len(list) - 2; n != wantPosts { // title and header rows
			t.Errorf("%s: %d posts listed in the workbook, want %d", block, n, wantPosts)
		}
		// The contributions sheet lists the block's contributions only.
		sent, err := x.GetRows(export.SheetContributions)
		if err != nil {
			t.Fatal(err)
		}
		wantSent := map[string]int{"Khối 1": 2, "Khối 2": 1}[block]
		gotSent := 0
		for _, row := range sent {
			for _, c := range row {
				if id, ok := names[c]; ok && id != "so-portal" {
					if _, mine := w.rows[id]; !mine {
						t.Errorf("%s: contributions sheet lists %s of another block", block, id)
					}
					gotSent++
					break
				}
			}
		}
		if gotSent != wantSent {
			t.Errorf("%s: %d contributions in the workbook, want %d", block, gotSent, wantSent)
		}
		x.Close()
	}
	if len(seen) != 2 {
		t.Errorf("blocks seen %v", seen)
	}
}

// TestNotifyRetries: a server that refuses twice with a temporary error
// gets the message on the third try, after waits of 1m then 2m on the
// injected clock; one that always refuses gets it given up after the
// configured attempts, reported once.
func TestNotifyRetries(t *testing.T) {
	t.Parallel()
	tempFail := &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "thử lại sau"}
	for _, tc := range []struct {
		name      string
		rejectTil int // DATA commands refused
		wantErr   bool
		waits     []time.Duration
	}{
		{"third try", 2, false, []time.Duration{time.Minute, 2 * time.Minute}},
		{"given up", 1000, true, []time.Duration{time.Minute, 2 * time.Minute}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ms := startMailServer(t, &mailServer{Reject: func(n int) error {
				if n <= tc.rejectTil {
					return tempFail
				}
				return nil
			}}, nil)
			f := newFixture(t, ms.Port, "none", "")
			msgs := f.notices(t)
			waits := &recordedWaits{}
			var outcomes []error
			q := notify.NewQueue(notify.QueueOptions{
				Sender: &notify.SMTP{Config: f.cfg.Settings.Notify}, Attempts: f.cfg.Settings.Notify.Attempts, Backoff: f.cfg.Settings.Notify.Backoff.D(),
				Wait: waits.wait, Logger: slog.New(slog.DiscardHandler),
				Result: func(_ string, err error, _ time.Time) { outcomes = append(outcomes, err) },
			})
			err := q.Deliver(context.Background(), msgs[0])
			if (err != nil) != tc.wantErr {
				t.Fatalf("Deliver = %v, want error %v", err, tc.wantErr)
			}
			if !slices.Equal(waits.list(), tc.waits) {
				t.Errorf("waits %v, want %v", waits.list(), tc.waits)
			}
			if len(outcomes) != 1 || (outcomes[0] != nil) != tc.wantErr {
				t.Errorf("outcomes %v", outcomes)
			}
			wantGot := 1
			if tc.wantErr {
				wantGot = 0
				if !strings.Contains(err.Error(), "3 attempts") || !strings.Contains(err.Error(), "451") {
					t.Errorf("error %q does not say how often and why", err)
				}
			}
			if n := len(ms.messages()); n != wantGot {
				t.Errorf("server kept %d messages, want %d", n, wantGot)
			}
		})
	}
}

// TestNotifySTARTTLSAuth: with tls: starttls and a user, the message goes
// over TLS, the password (read from the environment variable named in the
// registry) logs in, and a wrong password is an error.
func TestNotifySTARTTLSAuth(t *testing.T) {
	t.Parallel()
	srvTLS, cliTLS := selfSigned(t)
	ms := startMailServer(t, &mailServer{User: "thidua", Password: "mật-khẩu"}, srvTLS)
	f := newFixture(t, ms.Port, "starttls", "username: thidua, password_env: SW_TEST_SMTP,")
	env := map[string]string{"SW_TEST_SMTP": "mật-khẩu"}
	pw, err := f.cfg.Settings.Notify.ReadPassword(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	msgs := f.notices(t)
	s := &notify.SMTP{Config: f.cfg.Settings.Notify, Password: pw, TLSConfig: cliTLS}
	if err := s.Send(context.Background(), msgs[0]); err != nil {
		t.Fatal(err)
	}
	got := ms.messages()
	if len(got) != 1 || !got[0].TLS || got[0].User != "thidua" {
		t.Fatalf("received %+v, want one message over TLS from user thidua", got)
	}
	bad := &notify.SMTP{Config: f.cfg.Settings.Notify, Password: "sai", TLSConfig: cliTLS}
	if err := bad.Send(context.Background(), msgs[0]); err == nil || !strings.Contains(err.Error(), "auth") {
		t.Errorf("wrong password: %v", err)
	}
	// Without the test's root the certificate is not trusted.
	untrusted := &notify.SMTP{Config: f.cfg.Settings.Notify, Password: pw}
	if err := untrusted.Send(context.Background(), msgs[0]); err == nil {
		t.Error("an untrusted certificate was accepted")
	}
}
