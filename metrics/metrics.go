// Package metrics exposes sitewatch's facts to Prometheus. Every metric is
// defined in this file. Values come from an in-memory Snapshot that the
// caller builds from the evaluation made after each crawl run or evaluation
// (BuildSnapshot over an evaluation.Evaluation) and hands to Update; a scrape reads the newest snapshot through an atomic pointer and
// never queries the database.
//
// Counters (names ending in _total) are running totals kept by Metrics across
// snapshots: each crawl is added once, when a snapshot first carries its id.
// They start at zero when the process starts; the crawls already in the
// database at the first Update are the baseline and are not added.
//
// WriteText writes the same samples in the text format straight from the
// snapshot, as a registry holding only Metrics would encode them; serve
// renders its exposition with it once per snapshot.
package metrics

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"sitewatch/checks"
	"sitewatch/store"
	"sitewatch/tally"
)

const namespace = "sitewatch"

// descs holds every metric description.
type descs struct {
	unitInfo, postsTotal, postsThisMonth, postsThisQuarter, posts, quota, postsNeeded, quotaState *prometheus.Desc
	lastPost, daysSinceLastPost, staleAfterDays, stale, compromised                               *prometheus.Desc
	images, captioned, imagesQuarter, captionedQuarter, minCaptionShare                           *prometheus.Desc
	checkOK, checkState, unitState                                                                *prometheus.Desc
	siteUp, httpStatus, tlsExpiry, robotsBlocked                                                  *prometheus.Desc
	lastSuccess, lastCrawl, duration, requests, errors                                            *prometheus.Desc
	lastRun, snapshotTime, monthStart, monthEnd, reloadOK, reloadTime                             *prometheus.Desc
	notifySent, notifyFailures, notifyLastSuccess, notifyLastFailed                               *prometheus.Desc
	contribMonth, contribQuarter, contribImages, contribImagesQuarter                             *prometheus.Desc
	contribCaptioned, contribCaptionedQuarter, contribQuota, contribNeeded                        *prometheus.Desc
}

func newDescs() (descs, map[*prometheus.Desc]*family) {
	u := []string{"unit"}
	fams := map[*prometheus.Desc]*family{}
	d := func(name, help string, labels ...string) *prometheus.Desc {
		desc := prometheus.NewDesc(namespace+"_"+name, help, labels, nil)
		fams[desc] = newFamily(namespace+"_"+name, help, labels)
		return desc
	}
	return descs{
		unitInfo:          d("unit_info", "Registry entry of each enabled unit (always 1).", "unit", "name", "kind", "kind_name", "block", "url"),
		postsTotal:        d("unit_posts_total", "Posts first discovered by crawls of the unit since sitewatch started.", u...),
		postsThisMonth:    d("unit_posts_this_month", "Counted posts published this month (configured time zone).", u...),
		postsThisQuarter:  d("unit_posts_this_quarter", "Counted posts published this quarter (configured time zone).", u...),
		posts:             d("unit_posts", "Counted posts per month of the current quarter, up to the current month.", "unit", "month"),
		quota:             d("unit_monthly_quota", "Posts a month the unit's kind must publish (0: no fixed number).", u...),
		postsNeeded:       d("unit_posts_needed", "Posts still needed this month to meet the quota (0 when met, exempt or without quota).", u...),
		quotaState:        d("unit_quota_state", "Quota state of the previous and the current month (1 for the state in force); period is previous or current.", "unit", "month", "period", "state"),
		lastPost:          d("unit_last_post_timestamp_seconds", "Publication time of the newest counted post.", u...),
		daysSinceLastPost: d("unit_last_post_age_seconds", "Whole calendar days (configured time zone) from the newest counted post to the last check, times 86400.", u...),
		staleAfterDays:    d("unit_stale_after_seconds", "Days without a post after which the unit's site is stale (stale_after_days), times 86400.", u...),
		stale:             d("unit_stale", "1 when the site has no post within stale_after_days (the freshness check fails).", u...),
		compromised:       d("unit_compromised", "1 when the crawler found signs of a defaced or spammed site.", u...),
		images:            d("unit_images_this_month", "Content images in counted posts of this month.", u...),
		captioned:         d("unit_captioned_images_this_month", "Images with a visible caption in counted posts of this month.", u...),
		imagesQuarter:     d("unit_images_this_quarter", "Content images in counted posts of this quarter.", u...),
		captionedQuarter:  d("unit_captioned_images_this_quarter", "Images with a visible caption in counted posts of this quarter.", u...),
		minCaptionShare:   d("unit_min_caption_share", "Share of captioned images the unit's kind must reach (0 to 1).", u...),
		unitState:         d("unit_state", "Overall state of the unit, as the status pages and the report show it (1 for the state in force): ok, warn, fail or unknown.", "unit", "state"),
		checkOK:           d("check_ok", "1 when the check passes (state ok), else 0.", "unit", "check"),
		checkState:        d("check_state", "State of each check (1 for the state in force): ok, warn, fail or unknown.", "unit", "check", "state"),
		siteUp:            d("site_up", "1 when the newest crawl reached the site (outcome ok or partial).", u...),
		httpStatus:        d("site_http_status_code", "HTTP status of the home page in the newest crawl (0: no response).", u...),
		tlsExpiry:         d("site_tls_expiry_timestamp_seconds", "Expiry time of the site's TLS certificate.", u...),
		robotsBlocked:     d("site_robots_blocked", "1 when robots.txt blocked the crawler in the newest crawl.", u...),
		lastSuccess:       d("crawl_last_success_timestamp_seconds", "Finish time of the newest crawl of the unit that did not fail.", u...),
		lastCrawl:         d("crawl_last_timestamp_seconds", "Start time of the newest crawl of the unit.", u...),
		duration:          d("crawl_duration_seconds", "Duration of the newest crawl of the unit.", u...),
		requests:          d("crawl_requests_total", "HTTP responses received while crawling, by status code (0: transport error).", "unit", "code"),
		errors:            d("crawl_errors_total", "Crawls that failed or stopped early, by reason.", "unit", "reason"),
		lastRun:           d("last_crawl_run_timestamp_seconds", "Finish time of the last crawl run over all units."),
		snapshotTime:      d("snapshot_timestamp_seconds", "When the exposed facts were computed."),
		monthStart:        d("month_start_timestamp_seconds", "Start of the current month in the configured time zone."),
		monthEnd:          d("month_end_timestamp_seconds", "End of the current month in the configured time zone."),
		reloadOK:          d("config_last_reload_successful", "1 when the last configuration load or reload succeeded."),
		reloadTime:        d("config_last_reload_success_timestamp_seconds", "Time of the last successful configuration load or reload."),
		notifySent:        d("notify_sent_total", "Notices delivered to the block's leader by e-mail since sitewatch started.", "block"),
		notifyFailures:    d("notify_failures_total", "Notices to the block's leader given up after every retry since sitewatch started.", "block"),
		notifyLastSuccess: d("notify_last_success_timestamp_seconds", "When the newest notice to the block's leader was delivered.", "block"),
		notifyLastFailed:  d("notify_last_failed", "1 when the newest notice to the block's leader was given up undelivered, 0 once one is delivered.", "block"),

		contribMonth:            d("unit_contributions_this_month", "Posts of the portals (units with portal: true) that the unit sent, published this month.", u...),
		contribQuarter:          d("unit_contributions_this_quarter", "Posts of the portals that the unit sent, published this quarter.", u...),
		contribImages:           d("unit_contribution_images_this_month", "Content images in the unit's contributions of this month.", u...),
		contribImagesQuarter:    d("unit_contribution_images_this_quarter", "Content images in the unit's contributions of this quarter.", u...),
		contribCaptioned:        d("unit_contribution_captioned_images_this_month", "Images with a visible caption in the unit's contributions of this month.", u...),
		contribCaptionedQuarter: d("unit_contribution_captioned_images_this_quarter", "Images with a visible caption in the unit's contributions of this quarter.", u...),
		contribQuota:            d("unit_monthly_contribution_quota", "Contributions a month the unit's kind must send to the portals (0: none required).", u...),
		contribNeeded:           d("unit_contributions_needed", "Contributions still needed this month to meet the contribution quota (0 when met, exempt or without quota).", u...),
	}, fams
}

// crawlKey identifies a crawl (the store id, or its start time if unsaved).
type crawlKey struct {
	id      int64
	started int64
}

// counters are the running totals behind the _total metrics.
type counters struct {
	posts    map[string]float64
	requests map[string]map[string]float64
	errors   map[string]map[string]float64
}

func (c counters) clone() counters {
	out := counters{posts: map[string]float64{}, requests: map[string]map[string]float64{}, errors: map[string]map[string]float64{}}
	for k, v := range c.posts {
		out.posts[k] = v
	}
	for k, m := range c.requests {
		out.requests[k] = cloneMap(m)
	}
	for k, m := range c.errors {
		out.errors[k] = cloneMap(m)
	}
	return out
}

func cloneMap(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// state is what a scrape reads; it is never modified once published.
type state struct {
	snap       *Snapshot
	counters   counters
	reloadOK   bool
	reloadTime time.Time
	reloadSet  bool
	// notify is the delivery record of each block's notice.
	notify map[string]notifyState
}

// notifyState is what the metrics know of one block's notices.
type notifyState struct {
	sent, failures float64
	lastSuccess    time.Time
	lastFailed     bool
}

// Metrics is sitewatch's Prometheus collector. Update and SetConfigReload may
// be called from any goroutine; scrapes run concurrently with them.
type Metrics struct {
	d     descs
	fams  map[*prometheus.Desc]*family
	cur   atomic.Pointer[state]
	mu    sync.Mutex // serialises writers
	seen  map[string]crawlKey
	init  bool
	total counters
}

// New builds the collector and registers it with reg. It panics if reg
// already holds sitewatch metrics (a programming error).
func New(reg prometheus.Registerer) *Metrics {
	d, fams := newDescs()
	m := &Metrics{d: d, fams: fams, seen: map[string]crawlKey{}, total: counters{}.clone()}
	m.cur.Store(&state{snap: &Snapshot{}, counters: m.total.clone()})
	reg.MustRegister(m)
	return m
}

// Update publishes snap and adds to the counters every crawl not seen before.
func (m *Metrics) Update(snap *Snapshot) {
	if snap == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, u := range snap.Units {
		if _, ok := m.total.posts[u.ID]; !ok {
			m.total.posts[u.ID] = 0
		}
		if m.total.requests[u.ID] == nil {
			m.total.requests[u.ID] = map[string]float64{}
		}
		if m.total.errors[u.ID] == nil {
			m.total.errors[u.ID] = map[string]float64{}
		}
		c := u.Crawl
		if c == nil {
			continue
		}
		key := crawlKey{c.ID, c.Started.UnixNano()}
		prev, known := m.seen[u.ID]
		if known && prev == key {
			continue
		}
		m.seen[u.ID] = key
		add := 1.0
		if !m.init {
			add = 0 // baseline: crawls made before this process started
		}
		m.total.posts[u.ID] += add * float64(c.PostsNew)
		for code, n := range c.Codes {
			m.total.requests[u.ID][strconv.Itoa(code)] += add * float64(n)
		}
		if reason := errorReason(c); reason != "" {
			m.total.errors[u.ID][reason] += add
		}
	}
	m.init = true
	old := m.cur.Load()
	m.cur.Store(&state{snap: snap, counters: m.total.clone(), reloadOK: old.reloadOK, reloadTime: old.reloadTime, reloadSet: old.reloadSet, notify: old.notify})
}

// NotifyBlocks starts the notice series of blocks at zero, so that the
// first failure is an increase Prometheus can see.
func (m *Metrics) NotifyBlocks(blocks []string) {
	m.updateNotify(func(n map[string]notifyState) {
		for _, b := range blocks {
			if _, ok := n[b]; !ok {
				n[b] = notifyState{}
			}
		}
	})
}

// NotifyResult records the outcome of one notice to block: delivered (err
// nil) or given up.
func (m *Metrics) NotifyResult(block string, err error, at time.Time) {
	m.updateNotify(func(n map[string]notifyState) {
		ns := n[block]
		if err == nil {
			ns.sent++
			ns.lastSuccess, ns.lastFailed = at, false
		} else {
			ns.failures++
			ns.lastFailed = true
		}
		n[block] = ns
	})
}

// updateNotify publishes a copy of the state with edit applied to its notices.
func (m *Metrics) updateNotify(edit func(map[string]notifyState)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.cur.Load()
	next := *old
	next.notify = make(map[string]notifyState, len(old.notify)+1)
	for k, v := range old.notify {
		next.notify[k] = v
	}
	edit(next.notify)
	m.cur.Store(&next)
}

// SetConfigReload records the outcome of a configuration load or reload.
func (m *Metrics) SetConfigReload(ok bool, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.cur.Load()
	next := *old
	next.reloadOK, next.reloadSet = ok, true
	if ok {
		next.reloadTime = at
	}
	m.cur.Store(&next)
}

// Snapshot returns the snapshot in force.
func (m *Metrics) Snapshot() *Snapshot { return m.cur.Load().snap }

// errorReason is the crawl_errors_total reason of a crawl, "" if none.
func errorReason(c *store.Crawl) string {
	switch {
	case c.ErrorReason != "":
		return c.ErrorReason
	case c.Outcome == store.OutcomeFailed:
		return "other"
	case c.Outcome == store.OutcomePartial:
		return "partial"
	}
	return ""
}

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	d := m.d
	for _, x := range []*prometheus.Desc{
		d.unitInfo, d.postsTotal, d.postsThisMonth, d.postsThisQuarter, d.posts, d.quota, d.postsNeeded, d.quotaState,
		d.lastPost, d.daysSinceLastPost, d.staleAfterDays, d.stale, d.compromised,
		d.images, d.captioned, d.imagesQuarter, d.captionedQuarter, d.minCaptionShare,
		d.unitState, d.checkOK, d.checkState, d.siteUp, d.httpStatus, d.tlsExpiry, d.robotsBlocked,
		d.lastSuccess, d.lastCrawl, d.duration, d.requests, d.errors,
		d.lastRun, d.snapshotTime, d.monthStart, d.monthEnd, d.reloadOK, d.reloadTime,
		d.notifySent, d.notifyFailures, d.notifyLastSuccess, d.notifyLastFailed,
		d.contribMonth, d.contribQuarter, d.contribImages, d.contribImagesQuarter,
		d.contribCaptioned, d.contribCaptionedQuarter, d.contribQuota, d.contribNeeded,
	} {
		ch <- x
	}
}

// Collect implements prometheus.Collector; it reads the published state only.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	m.each(func(desc *prometheus.Desc, t prometheus.ValueType, v float64, labels []string) {
		ch <- prometheus.MustNewConstMetric(desc, t, v, labels...)
	})
}

// each calls emit for every sample of the published state (the one place
// that decides what is exposed; Collect and WriteText share it).
func (m *Metrics) each(emit func(desc *prometheus.Desc, t prometheus.ValueType, v float64, labels []string)) {
	st := m.cur.Load()
	d, s := m.d, st.snap
	quotaStates := []string{tally.StatePending, tally.StateMet, tally.StateMissed, tally.StateExempt, tally.StateNoQuota}
	checkStates := []string{checks.StateOK, checks.StateWarn, checks.StateFail, checks.StateUnknown}
	gauge := func(desc *prometheus.Desc, v float64, labels ...string) {
		emit(desc, prometheus.GaugeValue, v, labels)
	}
	counter := func(desc *prometheus.Desc, v float64, labels ...string) {
		emit(desc, prometheus.CounterValue, v, labels)
	}
	ts := func(desc *prometheus.Desc, t time.Time, labels ...string) {
		if !t.IsZero() {
			gauge(desc, float64(t.UnixNano())/1e9, labels...)
		}
	}
	for _, u := range s.Units {
		id := u.ID
		gauge(d.unitInfo, 1, id, u.Name, u.Kind, u.KindName, u.Block, u.URL)
		counter(d.postsTotal, st.counters.posts[id], id)
		gauge(d.postsThisMonth, float64(u.PostsThisMonth), id)
		gauge(d.postsThisQuarter, float64(u.PostsThisQuarter), id)
		for _, mp := range u.Months {
			gauge(d.posts, float64(mp.Posts), id, mp.Month)
		}
		gauge(d.quota, float64(u.Quota), id)
		gauge(d.postsNeeded, float64(u.Needed), id)
		for _, ms := range u.States {
			period := "previous"
			if ms.Month == s.Month {
				period = "current"
			}
			for _, qs := range quotaStates {
				gauge(d.quotaState, b2f(ms.State == qs), id, ms.Month, period, qs)
			}
		}
		ts(d.lastPost, u.LastPost, id)
		if u.DaysSinceLastPost >= 0 {
			gauge(d.daysSinceLastPost, float64(u.DaysSinceLastPost)*86400, id)
		}
		gauge(d.staleAfterDays, float64(u.StaleAfterDays)*86400, id)
		gauge(d.stale, b2f(u.Stale), id)
		gauge(d.compromised, b2f(u.Compromised), id)
		gauge(d.images, float64(u.ImagesThisMonth), id)
		gauge(d.captioned, float64(u.CaptionedImagesThisMonth), id)
		gauge(d.imagesQuarter, float64(u.ImagesThisQuarter), id)
		gauge(d.captionedQuarter, float64(u.CaptionedImagesThisQuarter), id)
		gauge(d.minCaptionShare, u.MinCaptionShare, id)
		gauge(d.contribMonth, float64(u.ContributionsThisMonth), id)
		gauge(d.contribQuarter, float64(u.ContributionsThisQuarter), id)
		gauge(d.contribImages, float64(u.ContributionImagesThisMonth), id)
		gauge(d.contribImagesQuarter, float64(u.ContributionImagesThisQuarter), id)
		gauge(d.contribCaptioned, float64(u.ContributionCaptionedThisMonth), id)
		gauge(d.contribCaptionedQuarter, float64(u.ContributionCaptionedThisQuarter), id)
		gauge(d.contribQuota, float64(u.ContributionQuota), id)
		gauge(d.contribNeeded, float64(u.ContributionsNeeded), id)
		for _, cs := range checkStates {
			gauge(d.unitState, b2f(u.State == cs), id, cs)
		}
		for _, r := range u.Checks {
			gauge(d.checkOK, b2f(r.State == checks.StateOK), id, r.Check)
			for _, cs := range checkStates {
				gauge(d.checkState, b2f(r.State == cs), id, r.Check, cs)
			}
		}
		if c := u.Crawl; c != nil {
			gauge(d.siteUp, b2f(c.Outcome != store.OutcomeFailed), id)
			gauge(d.httpStatus, float64(c.HTTPStatus), id)
			ts(d.tlsExpiry, c.TLSExpiry, id)
			gauge(d.robotsBlocked, b2f(c.RobotsBlocked), id)
			ts(d.lastCrawl, c.Started, id)
			if !c.Started.IsZero() && !c.Finished.IsZero() && !c.Finished.Before(c.Started) {
				gauge(d.duration, c.Finished.Sub(c.Started).Seconds(), id)
			}
		}
		ts(d.lastSuccess, u.LastSuccess, id)
		for code, v := range st.counters.requests[id] {
			counter(d.requests, v, id, code)
		}
		for reason, v := range st.counters.errors[id] {
			counter(d.errors, v, id, reason)
		}
	}
	ts(d.lastRun, s.LastRun)
	ts(d.snapshotTime, s.Taken)
	ts(d.monthStart, s.MonthStart)
	ts(d.monthEnd, s.MonthEnd)
	if st.reloadSet {
		gauge(d.reloadOK, b2f(st.reloadOK))
		ts(d.reloadTime, st.reloadTime)
	}
	for block, ns := range st.notify {
		counter(d.notifySent, ns.sent, block)
		counter(d.notifyFailures, ns.failures, block)
		ts(d.notifyLastSuccess, ns.lastSuccess, block)
		gauge(d.notifyLastFailed, b2f(ns.lastFailed), block)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

var _ prometheus.Collector = (*Metrics)(nil)
