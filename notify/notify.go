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
	"sitewatch/evaluation"
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
	// Contributions is the number of items the unit sent to the portals in
	// the month (the evaluation's count); nil when the registry has no
	// portal (the column is then left out).
	Contributions *int
	// State is the month's quota state (tally.State*) and StateLabel its
	// Vietnamese name.
	State, StateLabel string
	// Verdict is the unit's overall state (evaluation.State*) and
	// VerdictLabel its Vietnamese name.
	Verdict, VerdictLabel string
	// Reasons are the verdict's reasons, in Vietnamese: every rule not met.
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
	// Evaluation is the evaluation of the month of the notice
	// (evaluation.Options.Month): its month tallies and verdicts.
	Evaluation *evaluation.Evaluation
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
		month := in.Evaluation.Month
		t := Table{Block: b, Month: month, MonthTitle: export.PeriodTitle(month), Generated: in.Now, Loc: in.Config.Location}
		for i := range in.Evaluation.Units {
			eu := &in.Evaluation.Units[i]
			if eu.Unit.Block != b.Name || (!eu.Unit.IsEnabled() && eu.Month.Total == 0) {
				continue
			}
			t.Rows = append(t.Rows, row(in, eu))
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

func row(in Input, eu *evaluation.Unit) Row {
	u := &eu.Month
	r := Row{UnitID: u.Unit.ID, Name: u.Unit.Name, KindName: u.Unit.Kind, Posts: u.Total, Images: u.Images, Captioned: u.CaptionedImages}
	if u.Kind != nil {
		r.KindName, r.Quota = u.Kind.Name, u.Kind.MonthlyQuota
	}
	if len(u.Months) > 0 {
		r.State = u.Months[0].State
	}
	r.StateLabel = tally.StateLabel(r.State)
	r.Verdict, r.VerdictLabel = eu.Verdict.State, eu.Verdict.Label()
	for _, why := range eu.Verdict.Reasons {
		if why.Text != "" {
			r.Reasons = append(r.Reasons, checks.CheckLabel(why.Check)+": "+why.Text)
		}
	}
	if portal(in.Config) {
		n := eu.Contributions.Total
		r.Contributions = &n
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
	if in.Evaluation == nil {
		return nil, fmt.Errorf("notify: no evaluation")
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

// portal reports whether the registry has a portal unit, whose posts are
// counted as the other units' contributions.
func portal(cfg *config.Config) bool {
	for _, u := range cfg.Units {
		if u.Portal {
			return true
		}
	}
	return false
}
