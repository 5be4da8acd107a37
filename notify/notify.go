// Package notify sends each emulation block's leader (khối trưởng) the
// block's table for a month: its units, posts against the quota, images and
// captions, contributions to the Sở's portal, the quota state and the reasons
// of every rule not met, as an HTML e-mail in Vietnamese with the block's
// XLSX report attached.
//
// The package lays out what the evaluation decided; it never counts or
// judges itself. Build turns an evaluation into one Message per block with
// recipients; Compose writes a Message as RFC 5322/MIME bytes; SMTP delivers
// them; Queue delivers in its own goroutine with bounded retries and backoff,
// so that a slow or failing mail server never delays a crawl.
package notify

import (
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/export"
	"sitewatch/tally"
	"sitewatch/vntext"
)

// Row is one unit of a block's table.
type Row struct {
	UnitID, Name, KindName string
	// Posts counted in the month, and the quota of the unit's kind (0: none).
	Posts, Quota int
	// Images in the counted posts, and how many have a visible caption.
	Images, Captioned int
	// Contributions is the number of items the unit sent to the Sở's portal
	// in the month; nil while sitewatch does not count them (the column is
	// then left out).
	Contributions *int
	// State is the month's quota state (tally.State*) and StateLabel its
	// Vietnamese name.
	State, StateLabel string
	// Reasons are the reasons, in Vietnamese, of every rule not met.
	Reasons []string
}

// Table is the notice of one block for one month.
type Table struct {
	Block *config.Block
	Month tally.Period
	// MonthTitle is "Tháng 11/2026".
	MonthTitle string
	Rows       []Row
	// Met counts the rows whose quota state is met, of WithQuota rows held to a quota.
	Met, WithQuota int
	// HasContributions is true when any row carries a contribution count.
	HasContributions bool
	Generated        time.Time
	Loc              *time.Location
}

// Attachment is a file attached to a message.
type Attachment struct {
	Name, ContentType string
	Data              []byte
}

// Message is one e-mail to one block.
type Message struct {
	// Block is the block's name (also the metrics label).
	Block   string
	From    *mail.Address
	To      []*mail.Address
	Subject string
	HTML    string
	Text    string
	Date    time.Time
	// Attachments: the block's XLSX report.
	Attachments []Attachment
}

// Input is what Build reads: the evaluation of one month.
type Input struct {
	Config *config.Config
	// Month is the month of the notice.
	Month tally.Period
	// Units is tally.Compute over Month for the registry's units.
	Units []tally.Unit
	// Checks are the verdicts of the month per unit id.
	Checks map[string][]checks.Result
	// Contributions, when set, gives the contributions of a unit in the
	// month (ok false: not counted). Left nil until sitewatch counts what
	// units send to the Sở's portal.
	Contributions func(unitID string) (n int, ok bool)
	// Report is the month's report (export.Build); each block gets its part
	// as an attachment. Nil sends no attachment.
	Report *export.Report
	// Now is when the notice is built (the Date header).
	Now time.Time
}

// XLSXType is the media type of an XLSX workbook.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Tables builds the table of every block that has recipients, in the
// order of the registry's blocks list.
func Tables(in Input) []Table {
	col := collate.New(language.Vietnamese, collate.IgnoreCase)
	var out []Table
	for _, b := range in.Config.Blocks {
		if b == nil || len(b.Addrs) == 0 {
			continue
		}
		t := Table{Block: b, Month: in.Month, MonthTitle: export.PeriodTitle(in.Month), Generated: in.Now, Loc: in.Config.Location}
		for i := range in.Units {
			u := &in.Units[i]
			if u.Unit.Block != b.Name || (!u.Unit.IsEnabled() && u.Total == 0) {
				continue
			}
			t.Rows = append(t.Rows, row(in, u))
		}
		sort.SliceStable(t.Rows, func(x, y int) bool { return col.CompareString(t.Rows[x].Name, t.Rows[y].Name) < 0 })
		for _, r := range t.Rows {
			switch r.State {
			case tally.StateMet:
				t.Met++
				t.WithQuota++
			case tally.StateMissed, tally.StatePending:
				t.WithQuota++
			}
			if r.Contributions != nil {
				t.HasContributions = true
			}
		}
		out = append(out, t)
	}
	return out
}

func row(in Input, u *tally.Unit) Row {
	r := Row{UnitID: u.Unit.ID, Name: u.Unit.Name, KindName: u.Unit.Kind, Posts: u.Total, Images: u.Images, Captioned: u.CaptionedImages}
	if u.Kind != nil {
		r.KindName, r.Quota = u.Kind.Name, u.Kind.MonthlyQuota
	}
	if len(u.Months) > 0 {
		r.State = u.Months[0].State
	}
	r.StateLabel = tally.StateLabel(r.State)
	for _, c := range in.Checks[u.Unit.ID] {
		if c.State != checks.StateOK && c.Reason != "" {
			r.Reasons = append(r.Reasons, checks.CheckLabel(c.Check)+": "+c.Reason)
		}
	}
	if in.Contributions != nil {
		if n, ok := in.Contributions(u.Unit.ID); ok {
			r.Contributions = &n
		}
	}
	return r
}

// Build returns one message per block with recipients: the HTML and text
// table of the month and, when in.Report is set, the block's XLSX.
func Build(in Input) ([]Message, error) {
	n := in.Config.Settings.Notify
	if n == nil || n.FromAddr == nil {
		return nil, fmt.Errorf("notify: settings.notify is not configured")
	}
	var out []Message
	for _, t := range Tables(in) {
		html, err := renderHTML(t)
		if err != nil {
			return nil, fmt.Errorf("notify: block %s: %w", t.Block.Name, err)
		}
		m := Message{
			Block: t.Block.Name, From: n.FromAddr, To: t.Block.Addrs, Date: in.Now.In(in.Config.Location),
			Subject: norm.NFC.String(fmt.Sprintf("[sitewatch] %s: tình hình cập nhật tin bài %s", t.Block.Name, strings.ToLower(t.MonthTitle))),
			HTML:    html, Text: renderText(t),
		}
		if in.Report != nil {
			var buf strings.Builder
			if err := export.WriteXLSX(&buf, in.Report.Only(t.Block.Name)); err != nil {
				return nil, fmt.Errorf("notify: block %s: %w", t.Block.Name, err)
			}
			m.Attachments = append(m.Attachments, Attachment{Name: AttachmentName(t), ContentType: XLSXType, Data: []byte(buf.String())})
		}
		out = append(out, m)
	}
	return out, nil
}

// AttachmentName is "bao-cao-2026-11-khoi-1.xlsx": ASCII, so that every
// mail client shows it the same.
func AttachmentName(t Table) string {
	var b strings.Builder
	dash := false
	for _, r := range vntext.Fold(t.Block.Name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return "bao-cao-" + t.Month.Label + "-" + strings.TrimSuffix(b.String(), "-") + ".xlsx"
}
