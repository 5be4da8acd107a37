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
	"time"

	"sitewatch/internal/testkit/emptyweb"
)

// TestPostsJSONEmptyKinds: after a crawl, posts --json carries each empty
// post's kind with its detail (attachments' names, character count).
func TestPostsJSONEmptyKinds(t *testing.T) {
	t.Parallel()
	w := emptyweb.Start(time.Now())
	t.Cleanup(w.Close)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "sites.yaml")
	yml := fmt.Sprintf("settings:\n  database: %q\n  delay: 0s\n  allow_private_network: true\nunits:\n  - {id: thpt-hoabinh, name: \"Trường THPT Hòa Bình\", kind: truc_thuoc, url: %q}\n",
		filepath.Join(dir, "s.db"), w.URL()+"/")
	if err := os.WriteFile(cfgPath, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}); code != 0 {
			t.Fatalf("sitewatch %v: exit %d: %s", args, code, stderr.String())
		}
		return stdout.String()
	}
	cli("crawl", "--config", cfgPath)
	got := map[string]postJSON{}
	for _, line := range strings.Split(strings.TrimSpace(cli("posts", "--config", cfgPath, "--json")), "\n") {
		var j postJSON
		if err := json.Unmarshal([]byte(line), &j); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got[j.URL] = j
	}
	for _, wp := range w.Posts {
		j, ok := got[w.URL()+wp.Path]
		switch {
		case !ok:
			t.Errorf("%s missing from posts --json", wp.Path)
		case wp.Kind == "" && j.Empty != nil:
			t.Errorf("%s: article flagged empty %+v", wp.Path, j.Empty)
		case wp.Kind != "" && (j.Empty == nil || string(j.Empty.Kind) != wp.Kind):
			t.Errorf("%s: empty %+v, want kind %s", wp.Path, j.Empty, wp.Kind)
		case wp.Kind == "attachment_only" && fmt.Sprint(j.Empty.Attachments) != "[ke-hoach-hoi-thi-gvdg.pdf]":
			t.Errorf("%s: attachments %v", wp.Path, j.Empty.Attachments)
		case wp.Kind == "short" && (j.Empty.Chars == nil || *j.Empty.Chars != 43):
			t.Errorf("%s: chars %v, want 43", wp.Path, j.Empty.Chars)
		}
	}
}
