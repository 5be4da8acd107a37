package extract

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"sync"
	"unicode"

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
}

// DefaultTemplateLimits are the limits of NewTemplate.
var DefaultTemplateLimits = TemplateLimits{MinPages: 2, MaxBlocks: 20000, MinLetters: 16}

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
	key := pageKey(doc)
	fps := t.fingerprints(doc.Nodes[0])
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pages[key] {
		return false
	}
	t.pages[key] = true
	for fp := range fps {
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

// marks returns the elements of doc that are template blocks (their
// descendants are template too); nil without a template or when the
// template knows fewer than two pages.
func (t *Template) marks(root *html.Node) map[*html.Node]bool {
	if t == nil || root == nil {
		return nil
	}
	t.mu.RLock()
	enough := len(t.pages) >= t.limits.MinPages
	t.mu.RUnlock()
	if !enough {
		return nil
	}
	out := map[*html.Node]bool{}
	t.walk(root, func(n *html.Node, fp uint64) {
		if int(t.count(fp)) >= t.limits.MinPages {
			out[n] = true
		}
	})
	return out
}

func (t *Template) count(fp uint64) uint32 {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.seen[fp]
}

// fingerprints are the block fingerprints of a page, once each.
func (t *Template) fingerprints(root *html.Node) map[uint64]bool {
	out := map[uint64]bool{}
	t.walk(root, func(_ *html.Node, fp uint64) { out[fp] = true })
	return out
}

// blockInfo is what walk computes bottom-up for one element.
type blockInfo struct {
	content uint64 // hash of text, link targets and image sources below
	letters int    // letters in the text below (digits and marks aside)
	media   bool   // holds a link with a target or an image
}

// walk calls f for every block of the document below root: an element
// whose content has a link, an image or MinLetters letters. Its fingerprint
// hashes the element's DOM path (tags, ids and classes without digits) and
// its content.
func (t *Template) walk(root *html.Node, f func(n *html.Node, fp uint64)) {
	var rec func(n *html.Node, path uint64) blockInfo
	rec = func(n *html.Node, path uint64) blockInfo {
		h := fnv.New64a()
		var info blockInfo
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				txt := normBlockText(c.Data)
				if txt == "" {
					continue
				}
				h.Write([]byte(txt))
				h.Write([]byte{0})
				info.letters += countLetters(txt)
			case html.ElementNode:
				if skipTags[c.Data] {
					continue
				}
				cp := pathStep(path, c)
				ci := rec(c, cp)
				var b [8]byte
				binary.LittleEndian.PutUint64(b[:], ci.content)
				h.Write(b[:])
				info.letters += ci.letters
				info.media = info.media || ci.media
			}
		}
		switch n.Data {
		case "a":
			if href := attr(n, "href"); href != "" && !strings.HasPrefix(href, "#") && !strings.HasPrefix(strings.ToLower(href), "javascript:") {
				h.Write([]byte("href:" + linkTarget(href)))
				info.media = true
			}
		case "img":
			if src := attr(n, "src"); src != "" {
				h.Write([]byte("img:" + normImg(src)))
				info.media = true
			}
		}
		info.content = h.Sum64()
		if n.Type == html.ElementNode && n.Data != "html" && n.Data != "body" && n.Data != "head" &&
			(info.media || info.letters >= t.limits.MinLetters) {
			var b [16]byte
			binary.LittleEndian.PutUint64(b[:8], path)
			binary.LittleEndian.PutUint64(b[8:], info.content)
			fh := fnv.New64a()
			fh.Write(b[:])
			f(n, fh.Sum64())
		}
		return info
	}
	start := root
	if root.Type == html.DocumentNode {
		rec(root, 0)
		return
	}
	rec(start, pathStep(0, start))
}

// skipTags hold no visible block content.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true, "svg": true, "iframe": true}

// pathStep extends a DOM path hash by the element n: its tag, id and
// classes with digits dropped (post-123 and post-456 are the same slot),
// and classes of state (active, current, selected) left out.
func pathStep(path uint64, n *html.Node) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], path)
	h.Write(b[:])
	h.Write([]byte(n.Data))
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		for _, w := range strings.Fields(a.Val) {
			if stateClass[strings.ToLower(w)] {
				continue
			}
			h.Write([]byte{' '})
			h.Write([]byte(strings.Map(func(r rune) rune {
				if unicode.IsDigit(r) {
					return -1
				}
				return r
			}, w)))
		}
	}
	return h.Sum64()
}

// stateClass are class words that mark the current page in a menu; they
// differ from page to page on the same block.
var stateClass = map[string]bool{"active": true, "current": true, "selected": true, "current-menu-item": true, "current_page_item": true, "current-menu-parent": true, "open": true, "show": true, "in": true}

// normBlockText folds white space and case.
func normBlockText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
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

// pageKey identifies a page for Learn: its visible text without digits,
// so that the same page reached under two URLs, or fetched again with
// another view count or clock, counts once.
func pageKey(doc *goquery.Document) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, visibleTextOf(doc.Nodes[0]))))
	return h.Sum64()
}
