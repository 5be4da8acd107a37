package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Post flags: the keys of Post.Flags. This is the whole contract: every key
// any package sets on a post, and what its value holds. A flag's presence is
// the signal; its value explains it (for people) unless its shape says more.
// Views name flags in Vietnamese (export.FlagLabel); tally decides which of
// them stop a post from counting (tally.Counted).
const (
	// FlagBackdated: the post appeared dated before a crawl that would have
	// seen it (crawler.Runner). Value: Vietnamese sentence with both times.
	// Counted unless settings.exclude_backdated.
	FlagBackdated = "backdated"
	// FlagCopied: the same body text was published earlier, at another URL
	// of this unit or another (crawler.Runner). Value: "trùng nội dung với
	// URL (unit)". Not counted: the earliest copy counts.
	FlagCopied = "copied"
	// FlagEmpty: the post has (almost) no body text (crawler). Value: an
	// EmptyKind, then for attachment_only the attachments' file names and
	// for short the character count: see EmptyValue, ParseEmpty, EmptyText.
	// Counted unless the kind sets count_empty: false.
	FlagEmpty = "empty"
	// FlagRedated: the date of a known post changed on the site (SaveCrawl).
	// Value: "OLD -> NEW", both RFC 3339 UTC. The new date counts.
	FlagRedated = "redated"
	// FlagGone: the post's page answers 404 or 410 (SaveCrawl, from
	// CrawlResult.Gone). Value: GoneDetail. Still counted; cleared when the
	// page answers again.
	FlagGone = "gone"
	// FlagSpam: the post carries betting spam or similar (crawler). Value:
	// the evidence, "; "-separated. Counted; the site's integrity check fails.
	FlagSpam = "spam"
	// FlagExcluded: an office override stops the post counting (Posts).
	// Value: "why (who, YYYY-MM-DD)".
	FlagExcluded = "excluded"
	// FlagIncluded: an office override counts the post whatever its other
	// flags say (Posts). Value: as FlagExcluded.
	FlagIncluded = "included"
	// FlagOfficeRedated: an office override set the publication date
	// (Posts). Value: "OLD → NEW: why (who, YYYY-MM-DD)".
	FlagOfficeRedated = "office_redated"
	// FlagClaimed: the post was added by an approved claim of its unit
	// (DecideClaim). Value: "đơn vị đề nghị (#ID, by), who duyệt: reason".
	FlagClaimed = "claimed"
	// FlagOfficeAttributed: an office override said which unit sent a
	// portal's post, or that none did (Posts). Value: "OLD → NEW: why (who,
	// YYYY-MM-DD)". Changes Post.ContributedBy only; counting is unchanged.
	FlagOfficeAttributed = "office_attributed"
)

// pageFlags are the flags the crawler reads off the post's page: SaveCrawl
// drops them before merging a post read from its page again, so that a post
// whose body was filled in loses its empty flag.
var pageFlags = []string{FlagEmpty, FlagSpam}

// Notes on an inspected claim URL (web and service, stored with the claim,
// never on a crawled post). Each value is a Vietnamese sentence.
const (
	// NoteNotPost: the page does not look like a post (why).
	NoteNotPost = "not_post"
	// NoteInspectError: the page could not be inspected (why).
	NoteInspectError = "inspect_error"
	// NoteOtherSite: the URL is not on the unit's website.
	NoteOtherSite = "other_site"
	// NoteKnown: sitewatch already has this post (counted or why not).
	NoteKnown = "known"
)

// Crawl sections: the keys of Crawl.Sections besides the ids of the kind's
// required sections (config.Requirement.ID), whose value is the URL of the
// page or link that carries the section, or "" when looked for and missing.
const (
	// SectionFooterResponsible, SectionFooterAddress, SectionFooterPhone and
	// SectionFooterEmail: the home page's footer names the person
	// responsible, an address, a phone number, an e-mail address. Value: the
	// home page URL, or "" when missing. Read by the sections check.
	SectionFooterResponsible = "footer_responsible"
	SectionFooterAddress     = "footer_address"
	SectionFooterPhone       = "footer_phone"
	SectionFooterEmail       = "footer_email"
	// SectionSitemapXML: the sitemap.xml read. Value: its URL, or "" when
	// the site has none. Read by the sections check.
	SectionSitemapXML = "sitemap_xml"
	// SectionMovedTo: the home page redirects to another site. Value: the
	// final URL; absent when the site did not move. Read by the integrity check.
	SectionMovedTo = "moved_to"
	// SectionCompromised: signs of a defaced, spammed or parked site. Value:
	// "URL — evidence; evidence"; absent when none. Read by the integrity
	// check and the unit_compromised metric.
	SectionCompromised = "compromised"
)

// GoneDetail is the value of FlagGone for a post found gone at t.
func GoneDetail(t time.Time) string {
	return "không còn trên trang web từ " + t.UTC().Format("2006-01-02")
}

// EmptyKind says why a post counts as empty.
type EmptyKind string

// Kinds of empty post.
const (
	// EmptyTitleOnly: a title and no body text at all (e.g. <p>&nbsp;</p>).
	EmptyTitleOnly EmptyKind = "title_only"
	// EmptyAttachmentOnly: no body text besides attached files (PDF, DOC …).
	EmptyAttachmentOnly EmptyKind = "attachment_only"
	// EmptyShort: some body text, shorter than the extractor's minimum.
	EmptyShort EmptyKind = "short"
)

// emptySep separates the kind from its detail, and attachment names from
// one another, in a FlagEmpty value.
const (
	emptySep      = ": "
	attachmentSep = "; "
)

// EmptyValue is the FlagEmpty value for kind: "title_only",
// "attachment_only: a.pdf; b.doc" (the attachments' file names) or
// "short: 45" (the body's characters).
func EmptyValue(kind EmptyKind, chars int, attachments []string) string {
	switch kind {
	case EmptyAttachmentOnly:
		if len(attachments) == 0 {
			return string(kind)
		}
		return string(kind) + emptySep + strings.Join(attachments, attachmentSep)
	case EmptyShort:
		return string(kind) + emptySep + strconv.Itoa(chars)
	}
	return string(kind)
}

// Empty is a parsed FlagEmpty value.
type Empty struct {
	// Kind is "" for a value written before kinds existed.
	Kind        EmptyKind
	Chars       int
	Attachments []string
	// Raw is the value as stored.
	Raw string
}

// ParseEmpty reads a FlagEmpty value written by EmptyValue. A value it does
// not know (older databases) comes back with an empty Kind and its Raw text.
func ParseEmpty(v string) Empty {
	e := Empty{Raw: v}
	kind, detail, _ := strings.Cut(v, emptySep)
	switch EmptyKind(kind) {
	case EmptyTitleOnly:
		e.Kind = EmptyTitleOnly
	case EmptyAttachmentOnly:
		e.Kind = EmptyAttachmentOnly
		if detail != "" {
			e.Attachments = strings.Split(detail, attachmentSep)
		}
	case EmptyShort:
		n, err := strconv.Atoi(detail)
		if err != nil {
			return e
		}
		e.Kind, e.Chars = EmptyShort, n
	}
	return e
}

// EmptyText says in Vietnamese, for office staff, what kind of empty post a
// FlagEmpty value describes: "chỉ có tiêu đề", "chỉ có tệp đính kèm: a.pdf",
// "nội dung ngắn (45 ký tự)". An unknown value is returned as it is.
func EmptyText(v string) string {
	e := ParseEmpty(v)
	switch e.Kind {
	case EmptyTitleOnly:
		return "chỉ có tiêu đề"
	case EmptyAttachmentOnly:
		if len(e.Attachments) == 0 {
			return "chỉ có tệp đính kèm"
		}
		return "chỉ có tệp đính kèm: " + strings.Join(e.Attachments, ", ")
	case EmptyShort:
		return fmt.Sprintf("nội dung ngắn (%d ký tự)", e.Chars)
	}
	return e.Raw
}
