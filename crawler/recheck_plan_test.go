package crawler

import (
	"fmt"
	"testing"
	"time"

	"sitewatch/store"
)

// TestPlanRechecks checks which known posts a crawl rechecks and in what
// order, on hand-built posts.
func TestPlanRechecks(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 25, 6, 30, 0, 0, loc)
	since := now.AddDate(0, 0, -100)
	const days = 7
	today := dayNumber(now, loc) % days
	// urlWithSlot returns a URL whose slot is want (or not want).
	urlWithSlot := func(prefix string, want int, equal bool) string {
		for i := 0; ; i++ {
			u := fmt.Sprintf("http://x.edu.vn/%s-%d.html", prefix, i)
			if (recheckSlotOf(u, days) == want) == equal {
				return u
			}
		}
	}
	post := func(u, status string, published, checked time.Time) store.Post {
		return store.Post{URL: u, Status: status, Published: published, FirstSeen: published, Checked: checked}
	}
	yesterday := now.Add(-20 * time.Hour)
	slotToday := urlWithSlot("slot", today, true)
	notToday := urlWithSlot("other", today, false)
	overdue := urlWithSlot("overdue", today, false)
	old := urlWithSlot("old", today, true)
	relisted := urlWithSlot("relisted", today, false)
	fetched := urlWithSlot("fetched", today, true)
	checkedToday := urlWithSlot("today", today, true)
	unlisted := urlWithSlot("unlisted", today, false)
	known := map[string]store.Post{
		slotToday:    post(slotToday, store.StatusLive, now.AddDate(0, 0, -30), yesterday),
		notToday:     post(notToday, store.StatusLive, now.AddDate(0, 0, -30), yesterday),
		overdue:      post(overdue, store.StatusLive, now.AddDate(0, 0, -40), now.AddDate(0, 0, -days)),
		old:          post(old, store.StatusLive, since.Add(-time.Hour), yesterday),
		relisted:     post(relisted, store.StatusGone, now.AddDate(0, 0, -10), yesterday),
		fetched:      post(fetched, store.StatusLive, now.AddDate(0, 0, -5), yesterday),
		checkedToday: post(checkedToday, store.StatusLive, now.AddDate(0, 0, -5), now.Add(-time.Hour)),
		unlisted:     post(unlisted, store.StatusLive, now.AddDate(0, 0, -3), now.Add(-2*time.Hour)),
	}
	state := map[string]recheckState{
		slotToday: stateListed, notToday: stateListed, overdue: stateListed, old: stateListed,
		relisted: stateListed, fetched: stateFetched, checkedToday: stateListed,
	}
	plan := func(max int, delisted map[string]bool) recheckPlan {
		return recheckPlan{known: known, state: func(u string) recheckState { return state[u] }, delisted: delisted,
			since: since, now: now, loc: loc, days: days, max: max}
	}
	tests := []struct {
		name     string
		max      int
		delisted map[string]bool
		want     []string
		deferred int
	}{
		// Relisted gone posts first, then the oldest last check first.
		{name: "all due", max: 10, want: []string{relisted, overdue, slotToday, unlisted}},
		{name: "cap", max: 2, want: []string{relisted, overdue}, deferred: 2},
		// A post the feed no longer lists comes right after the relisted ones.
		{name: "delisted", max: 3, delisted: map[string]bool{key(notToday): true}, want: []string{relisted, notToday, overdue}, deferred: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			due, deferred := planRechecks(plan(tt.max, tt.delisted))
			var got []string
			for _, it := range due {
				got = append(got, it.post.URL)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || deferred != tt.deferred {
				t.Errorf("due %v (deferred %d), want %v (deferred %d)", got, deferred, tt.want, tt.deferred)
			}
		})
	}
}

// TestRecheckSlotsSpreadPosts: over recheck_days consecutive days every
// post's slot comes up exactly once, so each day's share is about
// posts/recheck_days.
func TestRecheckSlotsSpreadPosts(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	start := time.Date(2026, 11, 25, 6, 30, 0, 0, loc)
	const days, posts = 7, 700
	perDay := make([]int, days)
	for i := 0; i < posts; i++ {
		u := fmt.Sprintf("http://x.edu.vn/tin-tuc/bai-%d.html", i)
		hits := 0
		for d := 0; d < days; d++ {
			if recheckSlotOf(u, days) == dayNumber(start.AddDate(0, 0, d), loc)%days {
				hits++
				perDay[d]++
			}
		}
		if hits != 1 {
			t.Fatalf("%s: slot came up %d times in %d days", u, hits, days)
		}
	}
	for d, n := range perDay {
		if n < posts/days/2 || n > posts/days*2 {
			t.Errorf("day %d: %d of %d posts due, want about %d", d, n, posts, posts/days)
		}
	}
}
