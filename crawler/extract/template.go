package extract

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TemplateLimits bound what a Template learns and keeps.
type TemplateLimits struct {
	// MinPages is the number of different pages a block must be seen on to
	// belong to the template. Default 2: a block repeated on two pages of
	// different posts is the site's, not either post's.
	MinPages int
	// MaxBlocks caps the fingerprints kept (the most widespread first), so
	// a stored template stays small. Default 20000 (about 240 KB).
	MaxBlocks int
	// MinLetters is the number of letters (digits aside) a block needs,
	// unless it holds a link or an image, to be fingerprinted. Default 16:
	// a bare date line ("23 Tháng 9, 2021") shared by two posts of the same
	// day is each post's own, not the template.
	MinLetters int
	// MinStampPages is the number of different pages that must declare the
	// same publication stamp (a meta published_time or date value, to the
	// second) for it to be the site's, not a page's: a CMS that writes its
	// installation time on every section and menu page. Default 3, so that
	// a post and its print or mobile view (two pages, one stamp) keep theirs.
	MinStampPages int
	// MinShortPages is the number of different pages a short block (fewer
	// than MinLetters letters, no link or image, MinShortDigits digits or
	// more: a bare date or clock line) must be seen on to belong to the
	// template, and then on at least three quarters of the pages learnt:
	// the date of the day a portal shows in its banner on every page is
	// the template's, while the date line of several posts of one day is
	// each post's own. Default 4.
	MinShortPages int
}

// MinShortDigits is how many digits make a short block a date or clock
// line worth fingerprinting (see TemplateLimits.MinShortPages).
const MinShortDigits = 4

// DefaultTemplateLimits are the limits of NewTemplate.
var DefaultTemplateLimits = TemplateLimits{MinPages: 2, MaxBlocks: 20000, MinLetters: 16, MinStampPages: 3, MinShortPages: 4}

// Template is what repeats across the pages of one site: header, menus,
// "Tin mới" and "Tin cùng chuyên mục" items, sidebars, footers, banners,
// logos and bullets. It is learnt from pages of different posts (Learn) as
// fingerprints of DOM path and normalised content (text, link targets,
// image sources) of every block; a block seen on MinPages different pages
// belongs to the template. FromDocument, given a template in Options,
// never takes a title, date or image from a template block.
//
// The zero value is not usable; call NewTemplate. A Template is safe for
// concurrent use: Learn and the reads of FromDocument take its lock.
type Template struct {
	mu     sync.RWMutex
	limits TemplateLimits
	// seen counts, per block fingerprint, the different pages it was seen on.
	seen map[uint64]uint32
	// pages are the keys of the pages learnt (a hash of their text), so a
	// page reached twice (URL variants) counts once.
	pages map[uint64]bool
}

// NewTemplate returns an empty template with DefaultTemplateLimits.
func NewTemplate() *Template { return NewTemplateLimits(DefaultTemplateLimits) }

// NewTemplateLimits returns an empty template with limits l (zero fields
// take their defaults).
func NewTemplateLimits(l TemplateLimits) *Template {
	if l.MinPages <= 0 {
		l.MinPages = DefaultTemplateLimits.MinPages
	}
	if l.MaxBlocks <= 0 {
		l.MaxBlocks = DefaultTemplateLimits.MaxBlocks
	}
	if l.MinLetters <= 0 {
		l.MinLetters = DefaultTemplateLimits.MinLetters
	}
	if l.MinStampPages <= 0 {
		l.MinStampPages = DefaultTemplateLimits.MinStampPages
	}
	if l.MinShortPages <= 0 {
		l.MinShortPages = DefaultTemplateLimits.MinShortPages
	}
	return &Template{limits: l, seen: map[uint64]uint32{}, pages: map[uint64]bool{}}
}

// Learn adds the blocks of one page of the site (home page, listing, post:
// any page the crawl reads). A page whose text was already learnt (the
// same page under another URL) adds nothing; it reports whether the page
// was new.
func (t *Template) Learn(doc *goquery.Document) bool {
	if t == nil || doc == nil || len(doc.Nodes) == 0 {
		return false
	}
	return t.learn(t.prints(doc.Nodes[0]))
}

// Prints is one page's learnt form (its key and block fingerprints),
// computed by PrintsOf without touching the template, so that many pages can
// be fingerprinted in parallel and learnt (Add) in an order of the caller's
// choosing: what a template keeps once it prunes depends on the order pages
// were learnt in. It also keeps the page's blocks, so that FromDocument on
// the same document (Options.Prints) marks the template's blocks without
// walking the page again.
type Prints struct {
	pp *pagePrints
	// root is the document fingerprinted; blocks are its blocks in walk
	// order and fps their fingerprints.
	root   *html.Node
	blocks []*html.Node
	fps    []uint64
	short  []bool // the block is short (see TemplateLimits.MinShortPages)
}

// Detached is p without the page's blocks: all Add needs, without holding
// on to the document.
func (p Prints) Detached() Prints { return Prints{pp: p.pp} }

// PrintsOf fingerprints doc for t without learning it; safe for concurrent use.
func (t *Template) PrintsOf(doc *goquery.Document) Prints {
	if t == nil || doc == nil || len(doc.Nodes) == 0 {
		return Prints{}
	}
	return t.printsOf(doc.Nodes[0])
}

// Add learns a page fingerprinted by PrintsOf; it reports false for a page
// already learnt (or none).
func (t *Template) Add(p Prints) bool {
	if t == nil || p.pp == nil {
		return false
	}
	return t.learn(p.pp)
}

// LearnPage is Learn on the page p was extracted from, from the block
// fingerprints FromDocument computed with this template in its Options
// (one walk of the page for both); it learns nothing and reports false
// when p was extracted without a template.
func (t *Template) LearnPage(p *Page) bool {
	if t == nil || p == nil || p.prints == nil {
		return false
	}
	return t.learn(p.prints)
}

// pagePrints are what Learn keeps of one page: its key and its block
// fingerprints, sorted, once each.
type pagePrints struct {
	key uint64
	fps []uint64
}

// printsOf walks the page below root once: its learnt form, with its
// blocks for marks.
func (t *Template) printsOf(root *html.Node) Prints {
	p := Prints{root: root}
	key := t.walk(root, func(n *html.Node, fp uint64, short bool) {
		p.blocks = append(p.blocks, n)
		p.fps = append(p.fps, fp)
		p.short = append(p.short, short)
	})
	stamps := stampPrints(root)
	all := make([]uint64, 0, len(p.fps)+len(stamps))
	all = append(append(all, p.fps...), stamps...)
	slices.Sort(all)
	p.pp = &pagePrints{key: key, fps: slices.Compact(all)}
	return p
}

// marks are the template blocks among the blocks of p as t knows them now;
// nil until t has learnt MinPages pages.
func (t *Template) marks(p Prints) map[*html.Node]bool {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if len(t.pages) < t.limits.MinPages {
		return nil
	}
	marks := map[*html.Node]bool{}
	shortNeed := max(t.limits.MinShortPages, (3*len(t.pages)+3)/4)
	for i, fp := range p.fps {
		need := t.limits.MinPages
		if p.short[i] {
			need = shortNeed
		}
		if int(t.seen[fp]) >= need {
			marks[p.blocks[i]] = true
		}
	}
	return marks
}

// prints is printsOf without the blocks.
func (t *Template) prints(root *html.Node) *pagePrints {
	var fps []uint64
	key := t.walk(root, func(_ *html.Node, fp uint64, _ bool) { fps = append(fps, fp) })
	fps = append(fps, stampPrints(root)...)
	slices.Sort(fps)
	return &pagePrints{key: key, fps: slices.Compact(fps)}
}

func (t *Template) learn(pp *pagePrints) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pages[pp.key] {
		return false
	}
	t.pages[pp.key] = true
	for _, fp := range pp.fps {
		t.seen[fp]++
	}
	if len(t.seen) > 2*t.limits.MaxBlocks {
		t.prune()
	}
	return true
}

// Pages is the number of different pages learnt.
func (t *Template) Pages() int {
	if t == nil {
		return 0
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.pages)
}

// Blocks is the number of block fingerprints that belong to the template.
func (t *Template) Blocks() int {
	if t == nil {
		return 0
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	n := 0
	for _, c := range t.seen {
		if int(c) >= t.limits.MinPages {
			n++
		}
	}
	return n
}

// prune keeps the MaxBlocks most widespread fingerprints. t.mu is held.
func (t *Template) prune() {
	type fc struct {
		fp uint64
		c  uint32
	}
	all := make([]fc, 0, len(t.seen))
	for fp, c := range t.seen {
		all = append(all, fc{fp, c})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].c != all[j].c {
			return all[i].c > all[j].c
		}
		return all[i].fp < all[j].fp
	})
	if len(all) > t.limits.MaxBlocks {
		all = all[:t.limits.MaxBlocks]
	}
	t.seen = make(map[uint64]uint32, len(all))
	for _, e := range all {
		t.seen[e.fp] = e.c
	}
}

// templateMagic starts a marshalled Template; the byte after it is the format version.
const templateMagic = "swtpl"

const templateVersion = 1

// ErrTemplateFormat is returned by UnmarshalBinary for data that is not a
// marshalled Template of a known version.
var ErrTemplateFormat = errors.New("extract: not a stored template")

// MarshalBinary encodes the template for storage (the blocks seen on at
// least two pages and the learnt page keys), so that a crawl keeps learning
// across runs. It implements encoding.BinaryMarshaler.
func (t *Template) MarshalBinary() ([]byte, error) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	type fc struct {
		fp uint64
		c  uint32
	}
	var keep []fc
	for fp, c := range t.seen {
		if c >= 2 {
			keep = append(keep, fc{fp, c})
		}
	}
	sort.Slice(keep, func(i, j int) bool {
		if keep[i].c != keep[j].c {
			return keep[i].c > keep[j].c
		}
		return keep[i].fp < keep[j].fp
	})
	if len(keep) > t.limits.MaxBlocks {
		keep = keep[:t.limits.MaxBlocks]
	}
	pages := make([]uint64, 0, len(t.pages))
	for k := range t.pages {
		pages = append(pages, k)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i] < pages[j] })
	b := append([]byte(templateMagic), templateVersion)
	b = binary.AppendUvarint(b, uint64(t.limits.MinPages))
	b = binary.AppendUvarint(b, uint64(len(pages)))
	for _, k := range pages {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	b = binary.AppendUvarint(b, uint64(len(keep)))
	for _, e := range keep {
		b = binary.LittleEndian.AppendUint64(b, e.fp)
		b = binary.AppendUvarint(b, uint64(e.c))
	}
	return b, nil
}

// UnmarshalBinary replaces t's content by a template encoded by
// MarshalBinary; on error t is unchanged. It implements
// encoding.BinaryUnmarshaler; t may be a zero Template.
func (t *Template) UnmarshalBinary(data []byte) error {
	if len(data) < len(templateMagic)+1 || string(data[:len(templateMagic)]) != templateMagic {
		return ErrTemplateFormat
	}
	if v := data[len(templateMagic)]; v != templateVersion {
		return fmt.Errorf("%w: version %d", ErrTemplateFormat, v)
	}
	r := data[len(templateMagic)+1:]
	uv := func() (uint64, error) {
		v, n := binary.Uvarint(r)
		if n <= 0 {
			return 0, fmt.Errorf("%w: truncated", ErrTemplateFormat)
		}
		r = r[n:]
		return v, nil
	}
	u64 := func() (uint64, error) {
		if len(r) < 8 {
			return 0, fmt.Errorf("%w: truncated", ErrTemplateFormat)
		}
		v := binary.LittleEndian.Uint64(r)
		r = r[8:]
		return v, nil
	}
	minPages, err := uv()
	if err != nil {
		return err
	}
	np, err := uv()
	if err != nil {
		return err
	}
	if np > uint64(len(r))/8 {
		return fmt.Errorf("%w: %d pages in %d bytes", ErrTemplateFormat, np, len(r))
	}
	pages := make(map[uint64]bool, np)
	for i := uint64(0); i < np; i++ {
		k, err := u64()
		if err != nil {
			return err
		}
		pages[k] = true
	}
	nb, err := uv()
	if err != nil {
		return err
	}
	if nb > uint64(len(r))/9 {
		return fmt.Errorf("%w: %d blocks in %d bytes", ErrTemplateFormat, nb, len(r))
	}
	seen := make(map[uint64]uint32, nb)
	for i := uint64(0); i < nb; i++ {
		fp, err := u64()
		if err != nil {
			return err
		}
		c, err := uv()
		if err != nil {
			return err
		}
		seen[fp] = uint32(min(c, 1<<31))
	}
	if len(r) != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrTemplateFormat, len(r))
	}
	l := DefaultTemplateLimits
	if t.limits.MaxBlocks > 0 {
		l = t.limits
	}
	l.MinPages = int(max(minPages, 2))
	t.mu.Lock()
	defer t.mu.Unlock()
	t.limits, t.seen, t.pages = l, seen, pages
	return nil
}

// blockInfo is what walk computes bottom-up for one element.
type blockInfo struct {
	content uint64 // hash of text, link targets and image sources below
	letters int    // letters in the text below (digits and marks aside)
	digits  int    // decimal digits in the text below
	media   bool   // holds a link with a target or an image
}

// walk calls f for every block of the document below root: an element
// whose content has a link, an image or MinLetters letters. Its fingerprint
// hashes the element's DOM path (tags, ids and classes without digits) and
// its content. It returns the page's key, read in the same walk: a hash of
// its visible text (visibleTextOf) without digits, so that the same page
// reached under two URLs, or fetched again with another view count or
// clock, counts once.
//
// The hashes are FNV-1a of the same bytes as ever (templates are stored
// across crawls), fed without building the strings: a block's text
// normBlockText of each text node, followed by a 0 byte.
func (t *Template) walk(root *html.Node, f func(n *html.Node, fp uint64, short bool)) uint64 {
	var key pageKeyHash
	key.init()
	var rec func(n *html.Node, path uint64) blockInfo
	rec = func(n *html.Node, path uint64) blockInfo {
		h := newFNV()
		var info blockInfo
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				key.write(c.Data)
				if letters, digits, ok := h.blockText(c.Data); ok {
					h.byte(0)
					info.letters += letters
					info.digits += digits
				}
			case html.ElementNode:
				if skipTags[c.Data] {
					continue
				}
				cp := pathStep(path, c)
				ci := rec(c, cp)
				h.u64(ci.content)
				info.letters += ci.letters
				info.digits += ci.digits
				info.media = info.media || ci.media
			}
		}
		switch n.Data {
		case "a":
			if href := attr(n, "href"); href != "" && !strings.HasPrefix(href, "#") && !lowerHasPrefix(href, "javascript:") {
				h.str("href:")
				h.str(linkTarget(href))
				info.media = true
			}
		case "img":
			if src := attr(n, "src"); src != "" {
				h.str("img:")
				h.str(normImg(src))
				info.media = true
			}
		}
		info.content = uint64(h)
		if n.Type == html.ElementNode && n.Data != "html" && n.Data != "body" && n.Data != "head" {
			switch {
			case info.media || info.letters >= t.limits.MinLetters:
				fh := newFNV()
				fh.u64(path)
				fh.u64(info.content)
				f(n, uint64(fh), false)
			case info.digits >= MinShortDigits:
				fh := newFNV()
				fh.str("short\x00")
				fh.u64(path)
				fh.u64(info.content)
				f(n, uint64(fh), true)
			}
		}
		return info
	}
	if root.Type == html.DocumentNode {
		rec(root, 0)
	} else {
		rec(root, pathStep(0, root))
	}
	return uint64(key.h)
}

// fnv64 is an FNV-1a 64-bit hash (hash/fnv's New64a) without the
// allocation of a hash.Hash per element.
type fnv64 uint64

func newFNV() fnv64 { return 14695981039346656037 }

func (h *fnv64) byte(c byte) { *h = (*h ^ fnv64(c)) * 1099511628211 }

func (h *fnv64) str(s string) {
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
}

// rune hashes r's UTF-8 bytes (U+FFFD for an invalid one, as strings.Map
// and strings.Builder.WriteRune write it).
func (h *fnv64) rune(r rune) {
	if r < utf8.RuneSelf {
		h.byte(byte(r))
		return
	}
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	for _, c := range b[:n] {
		h.byte(c)
	}
}

// u64 hashes v's 8 little-endian bytes.
func (h *fnv64) u64(v uint64) {
	for i := 0; i < 8; i++ {
		h.byte(byte(v >> (8 * i)))
	}
}

// blockText hashes normBlockText(s) and counts its letters; false when it
// is empty.
func (h *fnv64) blockText(s string) (letters, digits int, ok bool) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = ok
			continue
		}
		if space {
			h.byte(' ')
			space = false
		}
		ok = true
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) {
			letters++
		} else if '0' <= r && r <= '9' {
			digits++
		}
		h.rune(r)
	}
	return letters, digits, ok
}

// pageKeyHash hashes the page's visible text as pageKey does, fed text
// node by text node in document order.
type pageKeyHash struct {
	h          fnv64
	any, space bool // a rune was written; white space since the last
}

func (k *pageKeyHash) init() { k.h = newFNV() }

// write adds one text node (folder.write then folder.split, digits dropped).
func (k *pageKeyHash) write(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			k.space = k.any
			continue
		}
		if k.space {
			k.h.byte(' ')
			k.space = false
		}
		k.any = true
		if !unicode.IsDigit(r) {
			k.h.rune(r)
		}
	}
	k.space = k.any
}

// lowerHasPrefix is strings.HasPrefix(strings.ToLower(s), prefix) for an
// ASCII lower-case prefix, without lowering s.
func lowerHasPrefix(s, prefix string) bool {
	for _, r := range s {
		if prefix == "" {
			return true
		}
		if l := unicode.ToLower(r); l >= utf8.RuneSelf || byte(l) != prefix[0] {
			return false
		}
		prefix = prefix[1:]
	}
	return prefix == ""
}

// skipTags hold no visible block content.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true, "svg": true, "iframe": true}

// pathStep extends a DOM path hash by the element n: its tag, id and
// classes with digits dropped (post-123 and post-456 are the same slot),
// and classes of state (active, current, selected) left out.
func pathStep(path uint64, n *html.Node) uint64 {
	h := newFNV()
	h.u64(path)
	h.str(n.Data)
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		for w := range strings.FieldsSeq(a.Val) {
			if stateClass[strings.ToLower(w)] {
				continue
			}
			h.byte(' ')
			for _, r := range w {
				if !unicode.IsDigit(r) {
					h.rune(r)
				}
			}
		}
	}
	return uint64(h)
}

// stateClass are class words that mark the current page in a menu; they
// differ from page to page on the same block.
var stateClass = map[string]bool{"active": true, "current": true, "selected": true, "current-menu-item": true, "current_page_item": true, "current-menu-parent": true, "open": true, "show": true, "in": true}

// normBlockText folds white space and case.
func normBlockText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// linkTarget is the part of a link that names its target: path and query
// without session parameters or fragment.
func linkTarget(href string) string {
	href, _, _ = strings.Cut(href, "#")
	return strings.TrimSpace(href)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// stampPrints are the fingerprints of the publication stamps a page
// declares in the meta elements of its head (the keys of metaPublished).
func stampPrints(root *html.Node) []uint64 {
	pub, _ := readMetaDates(goquery.NewDocumentFromNode(root).FindMatcher(mHeadMetas).Nodes)
	out := make([]uint64, 0, len(pub))
	for _, m := range pub {
		out = append(out, stampFingerprint(m.value))
	}
	return out
}

// mHeadMetas are the meta elements of a head that carry a content.
var mHeadMetas = compileGroup("head meta[content]")

// stampFingerprint keys a stamp by its value only: the same instant,
// written the same way, under any meta name or itemprop.
func stampFingerprint(value string) uint64 {
	h := newFNV()
	h.str("stamp\x00")
	h.str(strings.TrimSpace(value))
	return uint64(h)
}

// sharedStamp reports whether the publication stamp value was declared by
// MinStampPages different pages of the site: the site's, not a page's.
func (t *Template) sharedStamp(value string) bool {
	if t == nil {
		return false
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return int(t.seen[stampFingerprint(value)]) >= t.limits.MinStampPages
}
