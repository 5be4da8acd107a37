package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sitewatch/crawler"
	"sitewatch/crawler/extract"
)

// TestInspectManifestOrder: pages of a manifest are read in parallel and
// printed in input order, one JSON line each, errors in place, with the
// page type and its evidence.
func TestInspectManifestOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const pages = 40
	var manifest strings.Builder
	for i := range pages {
		path := filepath.Join(dir, fmt.Sprintf("bai-%02d.html", i))
		if i == 7 {
			path = filepath.Join(dir, "khong-co.html") // missing: an error line in place
		} else {
			html := fmt.Sprintf(`<html><head><title>Bài %d</title></head><body><h1>Hoạt động ngoại khóa số %d của nhà trường</h1>
<div class="meta">Ngày đăng: %02d/10/2026</div><div class="entry-content"><p>%s</p></div></body></html>`, i, i, i%28+1, strings.Repeat("Nội dung bài viết. ", 20))
			if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		fmt.Fprintf(&manifest, "%s\thttp://truong.example/tin-tuc/bai-%d.html\n", path, i)
	}
	mf := filepath.Join(dir, "manifest.tsv")
	if err := os.WriteFile(mf, []byte(manifest.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"inspect", "--config", filepath.Join(dir, "none.yaml"), "--now", "2026-11-25T10:00:00+07:00", "--manifest", mf},
		&env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != pages {
		t.Fatalf("%d lines, want %d", len(lines), pages)
	}
	for i, l := range lines {
		var j postJSON
		if err := json.Unmarshal([]byte(l), &j); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if i == 7 {
			if j.Error == "" {
				t.Errorf("line 7: no error for a missing file: %s", l)
			}
			continue
		}
		if want := fmt.Sprintf("http://truong.example/tin-tuc/bai-%d.html", i); j.URL != want {
			t.Errorf("line %d is %s, want %s", i, j.URL, want)
		}
		if want := fmt.Sprintf("2026-10-%02dT00:00:00+07:00", i%28+1); j.Published == nil || *j.Published != want || j.PageType != "post" || len(j.Evidence) == 0 {
			t.Errorf("line %d: published %v, type %q, evidence %q; want %s, post", i, j.Published, j.PageType, j.Evidence, want)
		}
	}
}

// TestSiteTemplatesOrder: the template a manifest's site learns is the one
// learnt from its pages in manifest order, whichever worker finishes first.
// The pages hold enough distinct blocks for the template to prune, where the
// order of learning changes what it keeps.
func TestSiteTemplatesOrder(t *testing.T) {
	t.Parallel()
	entries := templatePages(t)
	ins := crawler.NewInspector(crawler.Options{})
	want := extract.NewTemplate()
	for _, e := range entries {
		if err := ins.LearnFile(e.path, want); err != nil {
			t.Fatal(err)
		}
	}
	wb, err := want.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for run := range 3 {
		got := readSites(context.Background(), entries, ins, 8).tpls["truong.example"]
		if got == nil {
			t.Fatal("no template learnt")
		}
		gb, err := got.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gb, wb) {
			t.Fatalf("run %d: the template learnt by 8 workers (%d blocks) differs from the one learnt in manifest order (%d blocks)", run, got.Blocks(), want.Blocks())
		}
	}
}

// TestReadSitesParseOnce: a page readSites reads from the document it
// parsed to learn the template (the first manifestSiteDocs of a site) or
// parses again (the others) reads as the page read alone with the site's
// template does.
func TestReadSitesParseOnce(t *testing.T) {
	t.Parallel()
	entries := sitePages(t, manifestSiteDocs+8)
	if len(entries) <= manifestSiteDocs {
		t.Fatalf("%d pages: none past the %d documents kept", len(entries), manifestSiteDocs)
	}
	ins := crawler.NewInspector(crawler.Options{})
	tpl := extract.NewTemplate()
	for _, e := range entries {
		if err := ins.LearnFile(e.path, tpl); err != nil {
			t.Fatal(err)
		}
	}
	sr := readSites(context.Background(), entries, ins, 4)
	for i, e := range entries {
		want, err := ins.File(e.path, e.url, tpl)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sr.inspect(ins, i, e)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("page %d: read by readSites as %+v, alone as %+v", i, got, want)
		}
	}
}

// sitePages writes n posts of one site whose banner (a heading and the
// day's date on every page) is read as the post's own without the site's
// template.
func sitePages(t *testing.T, n int) []manifestEntry {
	t.Helper()
	dir := t.TempDir()
	var entries []manifestEntry
	for i := range n {
		html := fmt.Sprintf(`<html><head><title>Trường THCS Hòa Bình</title></head><body>
<div class="banner"><h1>Trường THCS Hòa Bình, huyện Lạc Sơn</h1><p>Thứ Hai, 02/11/2026</p></div>
<div class="menu"><a href="/gioi-thieu">Giới thiệu</a> <a href="/tin-tuc">Tin tức</a></div>
<div class="noi-dung"><h2>Hoạt động ngoại khóa số %d của học sinh khối %s</h2><p>Ngày đăng: %02d/10/2026</p>
<p>%s</p></div></body></html>`, i, letters(i), i%28+1, strings.Repeat("Nội dung bài viết "+letters(i)+". ", 20))
		path := filepath.Join(dir, fmt.Sprintf("bai-%02d.html", i))
		if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, manifestEntry{path, fmt.Sprintf("http://truong.example/tin-tuc/bai-%d.html", i)})
	}
	return entries
}

// templatePages writes the pages of TestSiteTemplatesOrder.
func templatePages(t *testing.T) []manifestEntry {
	dir := t.TempDir()
	// Every tenth page is long and takes its worker longer, so that the
	// pages after it finish first; block k of the shared set stands on
	// pages k and k+shared only.
	const pages, shared = 200, 100
	var entries []manifestEntry
	for i := range pages {
		own := 100
		if i%10 == 0 {
			own = 3000
		}
		var b strings.Builder
		b.WriteString("<html><body><div class=menu><a href=/gioi-thieu>Giới thiệu nhà trường</a></div>")
		for k := range own {
			fmt.Fprintf(&b, "<p>Đoạn văn riêng %s của trang %s</p>", letters(k), letters(i))
		}
		fmt.Fprintf(&b, "<div class=lien-quan><p>Khối dùng chung %s của hai trang</p></div></body></html>", letters(i%shared))
		path := filepath.Join(dir, fmt.Sprintf("p%03d.html", i))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, manifestEntry{path, fmt.Sprintf("http://truong.example/bai-%d.html", i)})
	}
	return entries
}

// letters spells n in letters (the template's fingerprints set digits aside).
func letters(n int) string {
	var b []byte
	for {
		b = append(b, byte('a'+n%26))
		n /= 26
		if n == 0 {
			return string(b)
		}
	}
}
