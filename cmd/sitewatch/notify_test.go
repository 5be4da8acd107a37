package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/service"
	"sitewatch/store"
)

// TestNotifyDryRun: `sitewatch notify --dry-run` prints, per block with
// recipients, the message it would send (readable sender and recipients,
// subject, attachment, the table as text) and sends nothing; without
// settings.notify the command says what is missing.
func TestNotifyDryRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "sitewatch.db")
	yml := fmt.Sprintf(`settings:
  database: %q
  notify: {host: smtp.invalid, port: 2525, tls: none, from: "Văn phòng Sở <vanphong@so.example.gov.vn>"}
units:
  - {id: thcs-a, name: "Trường THCS A", kind: truc_thuoc, block: "Khối 2", url: "https://thcsa.example.edu.vn/"}
  - {id: thcs-b, name: "Trường THCS B", kind: truc_thuoc, block: "Khối 3", url: "https://thcsb.example.edu.vn/"}
blocks:
  - {name: "Khối 2", leader: "Lê Văn Cường", emails: ["Lê Văn Cường <cuong@thcsa.example.edu.vn>"]}
`, db)
	path := filepath.Join(dir, "sites.yaml")
	if err := os.WriteFile(path, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := service.SyncUnits(ctx, st, cfg, time.Now()); err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 11, 10, 3, 0, 0, 0, time.UTC)
	if _, err := st.SaveCrawl(ctx, &store.CrawlResult{
		Crawl: store.Crawl{UnitID: "thcs-a", Started: pub, Finished: pub, Outcome: store.OutcomeOK, HTTPStatus: 200},
		Posts: []store.Post{{URL: "https://thcsa.example.edu.vn/tin/1", Title: "Hội giảng", Published: pub, DateSource: "meta", Images: 2, CaptionedImages: 1}},
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	var out, errb bytes.Buffer
	code := run(ctx, []string{"notify", "--config", path, "--month", "2026-11", "--dry-run"}, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got := out.String()
	for _, want := range []string{
		"From: Văn phòng Sở <vanphong@so.example.gov.vn>",
		"To: Lê Văn Cường <cuong@thcsa.example.edu.vn>",
		"Subject: [sitewatch] Khối 2: tình hình cập nhật tin bài tháng 11/2026",
		"Attachment: bao-cao-2026-11-khoi-2.xlsx (",
		"- Trường THCS A (Đơn vị trực thuộc): 1/1 tin, 1/2 ảnh có chú thích; định mức: đạt; đánh giá: không đạt.",
		"Định mức bài: Không đạt trong quý 4/2026", // October, without a post, decides the verdict
	} {
		if !strings.Contains(got, want) {
			t.Errorf("dry run lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "THCS B") || strings.Count(got, "Subject:") != 1 {
		t.Errorf("dry run shows a block without recipients:\n%s", got)
	}
	if !strings.Contains(errb.String(), "dry run: 1 messages for 2026-11 not sent") {
		t.Errorf("stderr %q", errb.String())
	}

	plain := writeRegistry(t, t.TempDir(), filepath.Join(dir, "other.db"))
	errb.Reset()
	if code := run(ctx, []string{"notify", "--config", plain, "--dry-run"}, &env{stdout: &out, stderr: &errb, getenv: os.Getenv}); code != 1 || !strings.Contains(errb.String(), "settings.notify is not set") {
		t.Errorf("without settings.notify: exit %d, %q", code, errb.String())
	}
}
