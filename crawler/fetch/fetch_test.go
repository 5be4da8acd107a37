package fetch

import (
	"errors"
	"strings"
	"testing"
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
