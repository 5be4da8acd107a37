package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitewatch/internal/testkit/soportal"
)

// TestContributionsCLI crawls a simulated Sở portal, assigns a post signed
// by a person alone with `override --action attribute`, and reads both the
// crawled and the assigned attribution back from `posts --json`.
func TestContributionsCLI(t *testing.T) {
	t.Parallel()
	pt := soportal.New(soportal.Options{Seed: 7, Posts: 40, Now: time.Now()})
	srv := httptest.NewServer(pt.Handler())
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	yml := strings.Replace(string(pt.SitesYAML(srv.URL+"/")), "settings:\n", "settings:\n  database: "+filepath.Join(dir, "sw.db")+"\n", 1)
	cfg := filepath.Join(dir, "sites.yaml")
	if err := os.WriteFile(cfg, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	sw := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), append(args, "--config", cfg), &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}); code != 0 {
			t.Fatalf("sitewatch %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		return stdout.String()
	}
	sw("crawl")
	truth := map[string]soportal.TruthPost{}
	var person, signed string
	for _, tp := range pt.Truth() {
		u := strings.TrimSuffix(srv.URL+tp.Path, "/")
		truth[u] = tp
		if tp.Form == "person-only" && person == "" {
			person = u
		}
		if tp.Form == "byline-tin-anh" && signed == "" {
			signed = u
		}
	}
	if person == "" || signed == "" {
		t.Fatal("the simulated portal has no person-only or byline post: change the seed")
	}
	sw("override", "--unit", "so-gddt", "--url", person, "--action", "attribute", "--to", "thpt-chu-van-an", "--who", "Văn phòng", "--why", "e-mail gửi bài")
	type line struct {
		URL           string  `json:"url"`
		ContributedBy *string `json:"contributed_by"`
		Attribution   *struct {
			Text, Found string
		} `json:"attribution"`
	}
	got := map[string]line{}
	for _, l := range strings.Split(strings.TrimSpace(sw("posts", "--json", "--unit", "so-gddt")), "\n") {
		var j line
		if err := json.Unmarshal([]byte(l), &j); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		got[j.URL] = j
	}
	if p := got[person]; p.ContributedBy == nil || *p.ContributedBy != "thpt-chu-van-an" || p.Attribution == nil || p.Attribution.Found != "office" {
		t.Errorf("assigned post: %+v", p)
	}
	if p := got[signed]; p.ContributedBy == nil || *p.ContributedBy != truth[signed].ContributedBy || p.Attribution == nil || p.Attribution.Found != "byline" || !strings.HasPrefix(p.Attribution.Text, "Tin, ảnh:") {
		t.Errorf("signed post: %+v, want %s", p, truth[signed].ContributedBy)
	}
	if log := sw("override", "--list"); !strings.Contains(log, "xác định đơn vị gửi tin") || !strings.Contains(log, "thpt-chu-van-an") {
		t.Errorf("audit log does not show the attribution:\n%s", log)
	}
}
