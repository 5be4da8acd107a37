package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
