package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitewatch/internal/testkit/faultweb"
)

// TestDialGuard: the address check that runs before every connection
// (redirects included). Loopback and private ranges need
// allow_private_network; link-local (cloud metadata), multicast and
// unspecified addresses are never dialled.
func TestDialGuard(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr                   string
		blocked, blockedAnyway bool
	}{
		{"93.184.216.34:80", false, false},
		{"[2001:4860:4860::8888]:443", false, false},
		{"127.0.0.1:8080", true, false},
		{"[::1]:80", true, false},
		{"[::ffff:127.0.0.1]:80", true, false},
		{"10.1.2.3:80", true, false},
		{"172.16.0.9:443", true, false},
		{"192.168.1.1:80", true, false},
		{"100.64.0.1:80", true, false},
		{"[fd00::1]:80", true, false},
		{"169.254.169.254:80", true, true},
		{"[::ffff:169.254.169.254]:80", true, true},
		{"[fe80::1]:80", true, true},
		{"0.0.0.0:80", true, true},
		{"[::]:80", true, true},
		{"224.0.0.1:80", true, true},
		{"[ff02::1]:80", true, true},
	}
	for _, tc := range tests {
		for _, allow := range []bool{false, true} {
			err := dialGuard(allow)("tcp", tc.addr, nil)
			want := tc.blocked && !allow || tc.blockedAnyway
			if got := err != nil; got != want {
				t.Errorf("allow_private_network=%v %s: blocked=%v (%v), want %v", allow, tc.addr, got, err, want)
			}
			if err != nil && !errors.Is(err, ErrBlockedAddress) {
				t.Errorf("%s: %v does not wrap ErrBlockedAddress", tc.addr, err)
			}
		}
	}
}

// TestDecode: Vietnamese text comes out right (UTF-8, NFC) whatever the
// bytes and whatever the label says.
func TestDecode(t *testing.T) {
	t.Parallel()
	const title = "Hội nghị tổng kết năm học, Trường THCS Nguyễn Trãi, Đắk Nông"
	page := func(charset string) string {
		return `<html><head><meta charset="` + charset + `"><title>` + title + `</title></head><body><p>Ngày đăng: 20/11/2026</p></body></html>`
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
	}{
		{"utf-8", []byte(page("utf-8")), "text/html; charset=utf-8"},
		{"utf-8 decomposed (NFD)", []byte(norm.NFD.String(page("utf-8"))), "text/html"},
		{"utf-8 labelled windows-1258", []byte(page("windows-1258")), "text/html; charset=windows-1258"},
		{"windows-1258", faultweb.ToWindows1258(page("windows-1258")), "text/html; charset=windows-1258"},
		{"windows-1258 labelled utf-8", faultweb.ToWindows1258(page("utf-8")), "text/html; charset=utf-8"},
		{"windows-1258 without label", faultweb.ToWindows1258(page("")), "text/html"},
		{"utf-8 with stray bytes", []byte(strings.Replace(page("utf-8"), "<p>", "<p>\xff\xfe", 1)), "text/html; charset=utf-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Decode(tc.body, tc.contentType)
			if !utf8.Valid(got) || !norm.NFC.IsNormal(got) {
				t.Fatalf("not NFC UTF-8: %q", got)
			}
			if !strings.Contains(string(got), "<title>"+title+"</title>") {
				t.Errorf("title garbled: %s", got)
			}
		})
	}
}

// TestGzipKept: a gzipped body is decompressed, and kept as the server sent
// it (Response.Gzip) only when asked and when decoding changed nothing, so
// that the kept bytes always decompress to Body; a body over the cap fails
// as too large whether compressed or not.
func TestGzipKept(t *testing.T) {
	t.Parallel()
	const page = "<html><body><p>Tin tức: Hội nghị tổng kết, 20/11/2026</p></body></html>"
	big := strings.Repeat("a", 4096)
	tests := []struct {
		name     string
		body     []byte
		gzipped  bool
		keep     bool
		wantKept bool
		wantErr  string
	}{
		{"gzip kept", []byte(page), true, true, true, ""},
		{"gzip not asked", []byte(page), true, false, false, ""},
		{"plain", []byte(page), false, true, false, ""},
		{"gzip of NFD text (decoded: not kept)", []byte(norm.NFD.String(page)), true, true, false, ""},
		{"gzip of windows-1258 (decoded: not kept)", faultweb.ToWindows1258(page), true, true, false, ""},
		{"gzip over the cap", []byte(big), true, true, false, ReasonTooLarge},
		{"plain over the cap", []byte(big), false, true, false, ReasonTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				if tc.gzipped && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
					w.Header().Set("Content-Encoding", "gzip")
					zw := gzip.NewWriter(w)
					zw.Write(tc.body)
					zw.Close()
					return
				}
				w.Write(tc.body)
			}))
			defer srv.Close()
			f := New(Config{UserAgent: "test", MaxBodyBytes: 1024, Timeout: 5 * time.Second, Now: time.Now})
			resp, err := f.Get(context.Background(), srv.URL, Request{AllowPrivate: true, KeepGzip: tc.keep})
			if tc.wantErr != "" {
				var fe *Error
				if !errors.As(err, &fe) || fe.Reason != tc.wantErr {
					t.Fatalf("err %v, want reason %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := Decode(tc.body, "text/html"); !bytes.Equal(resp.Body, want) {
				t.Fatalf("body %q, want %q", resp.Body, want)
			}
			if resp.Header.Get("Content-Encoding") != "" {
				t.Errorf("Content-Encoding left on a decoded body")
			}
			if got := resp.Gzip != nil; got != tc.wantKept {
				t.Fatalf("kept gzip %v, want %v", got, tc.wantKept)
			}
			if resp.Gzip != nil {
				zr, err := gzip.NewReader(bytes.NewReader(resp.Gzip))
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(zr)
				if err != nil || !bytes.Equal(b, resp.Body) {
					t.Fatalf("kept gzip decompresses to %q (%v), want the body", b, err)
				}
			}
		})
	}
}

// TestRequestsCounted: a Get counts every request the server answered,
// each redirect followed and a Retry-After retry included.
func TestRequestsCounted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path   string
		want   int
		status int
	}{
		{"/page", 1, http.StatusOK},
		{"/moved", 2, http.StatusOK},
		{"/moved-twice", 3, http.StatusOK},
		{"/busy", 2, http.StatusServiceUnavailable},
		{"/down", 1, http.StatusServiceUnavailable},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved-twice":
			http.Redirect(w, r, "/moved", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "/page", http.StatusMovedPermanently)
		case "/busy":
			w.Header().Set("Retry-After", "1") // within MaxRetryAfter: asked once more
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/down":
			w.Header().Set("Retry-After", "3600") // longer than MaxRetryAfter: not retried
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.Write([]byte("<html><body>ok</body></html>"))
		}
	}))
	defer srv.Close()
	f := New(Config{UserAgent: "test", MaxBodyBytes: 1 << 20, Timeout: 5 * time.Second, Now: time.Now})
	for _, tc := range tests {
		resp, err := f.Get(context.Background(), srv.URL+tc.path, Request{AllowPrivate: true})
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		if resp.Requests != tc.want || resp.Status != tc.status {
			t.Errorf("%s: %d requests, status %d; want %d, %d", tc.path, resp.Requests, resp.Status, tc.want, tc.status)
		}
	}
}
