package simweb

import (
	"slices"
	"time"
)

// NewPost describes a post added at run time. Zero fields are drawn from
// the site's seed, so the same sequence of AddPost calls gives the same posts.
type NewPost struct {
	// Title of the post; empty draws one.
	Title string
	// Published is the publication time; zero means one hour before the site's Now.
	Published time.Time
	// Images is the number of content images: 0 draws them, -1 means none.
	Images int
	// Captioned is how many of Images have a visible caption (when Images > 0).
	Captioned int
}

// AddPost adds a post and returns its truth. Every page that lists posts
// changes (and so do their ETags and Last-Modified). Safe for concurrent use.
func (s *Site) AddPost(np NewPost) TruthPost {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.added++
	r := rng(s.seed, 1000+uint64(s.added))
	pub := np.Published
	if pub.IsZero() {
		pub = s.Now.Add(-time.Hour)
	}
	pub = pub.In(zone()).Truncate(time.Minute)
	p := &post{id: s.nextID, pub: pub, born: pub, traps: trapAdded}
	s.nextID += 1 + r.IntN(5)
	titles := map[string]int{}
	for _, q := range s.posts {
		titles[q.title]++
	}
	s.fillPost(p, r, titles)
	if np.Title != "" {
		p.title = np.Title
		p.slug = slugify(np.Title)
	}
	switch {
	case np.Images < 0:
		p.imgs = nil
	case np.Images > 0:
		p.imgs = make([]img, np.Images)
		for i := range p.imgs {
			p.imgs[i] = img{phrase: uint8(i % len(photoPhrases)), variant: uint8(r.IntN(256)), alt: altEmpty, caption: i < np.Captioned}
		}
	}
	s.assignShort(p, s.posts)
	s.insert(p)
	s.touch()
	p.lm = s.modTime
	return s.truthOf(p)
}

// RemovePost removes the post whose canonical URL (path and query, as in
// TruthPost.URL) is url; its page then answers 404. It reports whether a
// post was removed. Safe for concurrent use.
func (s *Site) RemovePost(url string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.posts)
	s.posts = slices.DeleteFunc(s.posts, func(p *post) bool { return s.st.postPath(s, p) == url })
	if len(s.posts) == n {
		return false
	}
	s.touch()
	return true
}

// WithdrawPost takes the post whose canonical URL is url off the site:
// listings, feeds and sitemaps no longer show it and its page answers
// status (404 or 410). RestorePost puts it back. It reports whether the post
// exists. Safe for concurrent use.
func (s *Site) WithdrawPost(url string, status int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.posts, func(p *post) bool { return s.st.postPath(s, p) == url })
	if i < 0 {
		return false
	}
	if s.withdrawn == nil {
		s.withdrawn = map[string]withdrawnPost{}
	}
	s.withdrawn[url] = withdrawnPost{p: s.posts[i], status: status}
	s.posts = slices.Delete(s.posts, i, i+1)
	s.touch()
	return true
}

// RestorePost puts back a post taken off by WithdrawPost, unchanged: its
// page answers 200 again and the listings show it. It reports whether the
// post was withdrawn. Safe for concurrent use.
func (s *Site) RestorePost(url string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.withdrawn[url]
	if !ok {
		return false
	}
	delete(s.withdrawn, url)
	s.insert(w.p)
	s.touch()
	return true
}

// withdrawnStatus is the status of a withdrawn post's page, 0 if target is
// not one. The caller holds the lock.
func (s *Site) withdrawnStatus(target string) int {
	return s.withdrawn[target].status
}

// RemoveAllPosts removes every post and returns how many there were. Safe
// for concurrent use.
func (s *Site) RemoveAllPosts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.posts)
	s.posts = nil
	s.touch()
	return n
}

// Redate changes the publication time shown everywhere for the post whose
// canonical URL is url. The URL itself does not change (even where it
// carries a date). It reports whether the post exists. Safe for concurrent use.
func (s *Site) Redate(url string, published time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range s.posts {
		if s.st.postPath(s, p) != url {
			continue
		}
		q := *p
		q.pub = published.In(zone()).Truncate(time.Minute)
		if q.upd.Before(q.pub) {
			q.upd = q.pub
		}
		q.event = q.pub
		q.traps |= trapRedated
		q.traps &^= trapEventPrevMonth
		s.posts = slices.Delete(s.posts, i, i+1)
		s.insert(&q)
		s.touch()
		q.lm = s.modTime
		return true
	}
	return false
}

// insert puts p at its place (newest first). The caller holds the lock.
func (s *Site) insert(p *post) {
	i, _ := slices.BinarySearchFunc(s.posts, p, func(a, b *post) int { return b.pub.Compare(a.pub) })
	s.posts = slices.Insert(s.posts, i, p)
}

// touch moves the site's modification time forward after a change. The
// caller holds the lock.
func (s *Site) touch() {
	t := s.contentTime()
	if !t.After(s.modTime) {
		t = s.modTime
	}
	s.modTime = t.Add(time.Minute)
	s.ver++
}
