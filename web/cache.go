package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"

	"sitewatch/evaluation"
)

// maxCachedPages bounds the rendered pages kept for one snapshot (one per
// filter of the overview and per set of pending claims); past it, pages
// are rendered per view.
const maxCachedPages = 64

// pageCache keeps pages rendered from one snapshot, so that a view of the
// overview of 1,000 units costs a copy of its bytes instead of building,
// sorting and rendering 1,000 rows (about 45 ms of CPU each, BENCHMARKS.md).
// What differs per response (the CSP nonce, the current time) is rendered
// as a placeholder and put back at each view. A new snapshot empties it.
// It is safe for concurrent use.
type pageCache struct {
	mu    sync.Mutex
	ev    *evaluation.Evaluation
	pages map[string]*cachedPage
	// nonceMark and nowMark are the placeholders, random per server so that
	// no page content can contain them.
	nonceMark, nowMark []byte
}

// cachedPage is a rendered page cut at its placeholders: parts[i] is
// followed by the value of slots[i].
type cachedPage struct {
	status int
	parts  [][]byte
	slots  []slot
}

type slot uint8

const (
	slotNonce slot = iota
	slotNow
)

func newPageCache() *pageCache {
	mark := func(prefix string) []byte {
		var b [12]byte
		_, _ = rand.Read(b[:])
		return []byte(prefix + hex.EncodeToString(b[:]))
	}
	return &pageCache{nonceMark: mark("swnonce"), nowMark: mark("swnow")}
}

// get returns the page of key rendered from ev, if kept.
func (c *pageCache) get(ev *evaluation.Evaluation, key string) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ev != ev {
		return nil
	}
	return c.pages[key]
}

// put keeps a page of ev under key (dropping the pages of an older snapshot).
func (c *pageCache) put(ev *evaluation.Evaluation, key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ev != ev {
		c.ev, c.pages = ev, map[string]*cachedPage{}
	}
	if len(c.pages) < maxCachedPages {
		c.pages[key] = p
	}
}

// cut splits a page rendered with the placeholders.
func (c *pageCache) cut(status int, b []byte) *cachedPage {
	p := &cachedPage{status: status}
	for {
		i, j := bytes.Index(b, c.nonceMark), bytes.Index(b, c.nowMark)
		if i < 0 && j < 0 {
			p.parts = append(p.parts, b)
			return p
		}
		if i >= 0 && (j < 0 || i < j) {
			p.parts, p.slots = append(p.parts, b[:i]), append(p.slots, slotNonce)
			b = b[i+len(c.nonceMark):]
			continue
		}
		p.parts, p.slots = append(p.parts, b[:j]), append(p.slots, slotNow)
		b = b[j+len(c.nowMark):]
	}
}

// write sends a kept page with this response's nonce and time.
func (p *cachedPage) write(w http.ResponseWriter, nonce, now string) {
	n := 0
	for _, part := range p.parts {
		n += len(part)
	}
	for _, s := range p.slots {
		if s == slotNonce {
			n += len(nonce)
		} else {
			n += len(now)
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(p.status)
	for i, part := range p.parts {
		_, _ = w.Write(part)
		if i < len(p.slots) {
			if p.slots[i] == slotNonce {
				_, _ = w.Write([]byte(nonce))
			} else {
				_, _ = w.Write([]byte(now))
			}
		}
	}
}

// renderCached answers with the page of key rendered from ev, rendering it
// with build only when it is not kept yet.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, ev *evaluation.Evaluation, key string, build func() (name, title string, data any, err error)) {
	p := s.cache.get(ev, key)
	if p == nil {
		name, title, data, err := build()
		if err != nil {
			s.fail(w, r, err)
			return
		}
		b, err := s.execute(name, title, string(s.cache.nonceMark), string(s.cache.nowMark), data)
		if err != nil {
			s.log.Error("render page", "page", name, "err", err)
			http.Error(w, "lỗi hiển thị trang", http.StatusInternalServerError)
			return
		}
		p = s.cache.cut(http.StatusOK, b)
		s.cache.put(ev, key, p)
	}
	p.write(w, nonceOf(r), s.nowText())
}
