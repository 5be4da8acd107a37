package simweb

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestAcceptsGzip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		want         bool
	}{
		{"none", "", false},
		{"plain", "gzip", true},
		{"list", "deflate, gzip;q=0.5", true},
		{"refused", "gzip;q=0", false},
		{"star", "*", true},
		{"other", "br", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Accept-Encoding", tt.header)
			if got := acceptsGzip(r); got != tt.want {
				t.Errorf("acceptsGzip(%q) = %v", tt.header, got)
			}
		})
	}
}

func TestNotModified(t *testing.T) {
	t.Parallel()
	lm := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name, inm, ims string
		want           bool
	}{
		{"no validators", "", "", false},
		{"etag match", `"abc"`, "", true},
		{"gzip etag", `"abc-gzip"`, "", true},
		{"weak etag", `W/"abc"`, "", true},
		{"etag list", `"x", "abc"`, "", true},
		{"etag mismatch wins over date", `"x"`, "Fri, 20 Nov 2026 03:00:00 GMT", false},
		{"same date", "", "Fri, 20 Nov 2026 03:00:00 GMT", true},
		{"later date", "", "Sat, 21 Nov 2026 03:00:00 GMT", true},
		{"earlier date", "", "Thu, 19 Nov 2026 03:00:00 GMT", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			if tt.inm != "" {
				r.Header.Set("If-None-Match", tt.inm)
			}
			if tt.ims != "" {
				r.Header.Set("If-Modified-Since", tt.ims)
			}
			if got := notModified(r, `"abc"`, lm); got != tt.want {
				t.Errorf("notModified = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRelative(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, zone())
	tests := []struct {
		t    time.Time
		want string
	}{
		{now.Add(-20 * time.Minute), "20 phút trước"},
		{now.Add(-3 * time.Hour), "3 giờ trước"},
		{time.Date(2026, 11, 24, 23, 0, 0, 0, zone()), "hôm qua"},
		{time.Date(2026, 11, 22, 8, 0, 0, 0, zone()), "3 ngày trước"},
		{time.Date(2026, 11, 1, 8, 0, 0, 0, zone()), ""},
	}
	for _, tt := range tests {
		if got := relative(now, tt.t); got != tt.want {
			t.Errorf("relative(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}
