package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .err files of testdata/invalid-*.yaml")

// TestInvalidGolden loads every testdata/invalid-*.yaml and compares the
// error, exactly as a user sees it (file:line: field: message, one a line,
// in file order), with testdata/invalid-*.err.
func TestInvalidGolden(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "invalid-*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			_, err := Load(f)
			if err == nil {
				t.Fatal("loaded without error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(f, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./config -update)", err)
			}
			if got != string(want) {
				t.Errorf("errors of %s:\n%s\nwant:\n%s", f, got, want)
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !strings.HasPrefix(line, f+":") {
					t.Errorf("line without file:line: %q", line)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	t.Parallel()
	_, err := Load(filepath.Join(t.TempDir(), "khong-co.yaml"))
	if err == nil || !errors.Is(err, os.ErrNotExist) || errors.Is(err, ErrInvalid) {
		t.Errorf("Load(missing) = %v, want a not-exist error that is not ErrInvalid", err)
	}
}

// TestDefaults: a minimal registry gets every documented default.
func TestDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := Parse("min.yaml", []byte("units:\n  - {id: thpt-a, name: Trường A, kind: truc_thuoc, url: \"https://a.edu.vn\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Settings
	if s.Timezone != DefaultTimezone || cfg.Location.String() != DefaultTimezone || s.Workers != DefaultWorkers ||
		s.MaxPages != DefaultMaxPages || s.MaxBodyBytes != DefaultMaxBodyBytes || s.RequestTimeout.D() != DefaultRequestTimeout ||
		s.CrawlTimeout.D() != DefaultCrawlTimeout || s.LookbackDays != DefaultLookbackDays ||
		s.Database != DefaultDatabase || s.Listen != DefaultListen || len(s.Schedule) != len(DefaultSchedule) || s.AllowPrivateNetwork {
		t.Errorf("defaults not applied: %+v", s)
	}
	if len(cfg.Kinds) != 3 || cfg.Kinds["phong_gddt"].MonthlyQuota != 2 || cfg.Kinds["truc_thuoc"].MonthlyQuota != 1 || cfg.Kinds["phong_so"].MonthlyQuota != 0 {
		t.Errorf("default kinds: %+v", cfg.Kinds)
	}
	if u := cfg.Units[0]; u.Parsed == nil || u.Parsed.Path != "/" || !u.IsEnabled() || u.Line != 2 {
		t.Errorf("unit: %+v", u)
	}
}

// TestMergeKeys: kinds that come through YAML merge keys get their
// defaults and checks like the others (they used to be left without, and
// a merge inside kinds was refused as a kind named "<<").
func TestMergeKeys(t *testing.T) {
	t.Parallel()
	for _, y := range []string{
		"<<: {kinds: {k: {monthly_quota: 1}}}\nunits: [{id: a, name: A, kind: k, url: \"http://a/\"}]\n",
		"kinds:\n  <<: {k: {monthly_quota: 1}}\nunits: [{id: a, name: A, kind: k, url: \"http://a/\"}]\n",
		"kinds:\n  k: &b {monthly_quota: 1, stale_after_days: 9}\n  j: {<<: *b, monthly_quota: 2}\nunits: [{id: a, name: A, kind: j, url: \"http://a/\"}]\n",
	} {
		cfg, err := Parse("merge.yaml", []byte(y))
		if err != nil {
			t.Errorf("%q: %v", y, err)
			continue
		}
		if len(cfg.KindOrder) != len(cfg.Kinds) {
			t.Errorf("%q: kind order %v for %d kinds", y, cfg.KindOrder, len(cfg.Kinds))
		}
		for id, k := range cfg.Kinds {
			if k.MinCaptionShare == nil || k.StaleAfterDays <= 0 || k.Required == nil {
				t.Errorf("%q: kind %s without defaults: %+v", y, id, k)
			}
		}
	}
	if _, err := Parse("bad.yaml", []byte("<<: {kinds: {k: {monthly_quota: -1}}}\nunits: [{id: a, name: A, kind: k, url: \"http://a/\"}]\n")); err == nil {
		t.Error("a merged kind escaped validation")
	}
}

// TestRepositoryRegistry: the worked example shipped with sitewatch loads.
func TestRepositoryRegistry(t *testing.T) {
	t.Parallel()
	if _, err := Load(filepath.Join("..", "sites.yaml")); err != nil {
		t.Fatal(err)
	}
}

// FuzzParse: any input is either a valid configuration with every default
// set, or errors that wrap ErrInvalid and name the file; never a panic.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	seeds = append(seeds, filepath.Join("..", "sites.yaml"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("units:\n  - {id: a, name: A, kind: k, url: \"http://a\"}\nkinds:\n  k: &k {monthly_quota: 1}\n  j: *k\n"))
	f.Add([]byte("settings: {delay: 1h, auth: {users: {a: \"$2a$10$x\"}}}\nunits: [{id: a, name: A, kind: phong_so, url: \"https://a/\", hints: {post_pattern: \"a+\"}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err != nil {
			var list []error
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				list = j.Unwrap()
			} else {
				list = []error{err}
			}
			for _, e := range list {
				if !errors.Is(e, ErrInvalid) {
					t.Errorf("problem does not wrap ErrInvalid: %v", e)
				}
				if !strings.HasPrefix(e.Error(), "f.yaml:") {
					t.Errorf("problem does not name the file: %q", e.Error())
				}
			}
			return
		}
		s := cfg.Settings
		if cfg.Location == nil || s.Workers <= 0 || s.MaxPages <= 0 || s.MaxBodyBytes <= 0 || s.RequestTimeout <= 0 ||
			s.CrawlTimeout <= 0 || s.LookbackDays <= 0 || s.Database == "" || s.Listen == "" {
			t.Fatalf("accepted settings without defaults: %+v", s)
		}
		if len(cfg.Units) == 0 {
			t.Fatal("accepted a registry without units")
		}
		for _, u := range cfg.Units {
			if u == nil || u.Parsed == nil || u.ID == "" || cfg.KindOf(u) == nil {
				t.Fatalf("accepted an incomplete unit: %+v", u)
			}
			cfg.Exempt(u, "2026-07")
		}
		for id, k := range cfg.Kinds {
			if k == nil || k.MinCaptionShare == nil || k.StaleAfterDays <= 0 || k.MonthlyQuota < 0 {
				t.Fatalf("kind %q accepted without defaults: %+v", id, k)
			}
		}
	})
}

// TestNotifyDefaults: settings.notify gets its documented defaults, the
// blocks their parsed recipients, and the password comes from the
// environment or a file at send time, never from sites.yaml.
func TestNotifyDefaults(t *testing.T) {
	t.Parallel()
	y := `settings:
  notify: {host: smtp.so.gov.vn, username: vanphong, password_env: SW_SMTP, from: "Văn phòng Sở <vanphong@so.gov.vn>"}
units:
  - {id: thpt-a, name: Trường A, kind: truc_thuoc, block: "Khối 2", url: "https://a.edu.vn"}
blocks:
  - {name: "Khối 2", leader: "Nguyễn Văn A", emails: ["Nguyễn Văn A <a@so.gov.vn>", "b@so.gov.vn"]}
`
	cfg, err := Parse("notify.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	n := cfg.Settings.Notify
	if n.TLS != NotifySTARTTLS || n.Port != 587 || n.Schedule != DefaultNotifySchedule || n.Attempts != DefaultNotifyAttempts ||
		n.Backoff.D() != DefaultNotifyBackoff || n.Timeout.D() != DefaultNotifyTimeout || n.Addr() != "smtp.so.gov.vn:587" {
		t.Errorf("notify defaults not applied: %+v", n)
	}
	if n.FromAddr == nil || n.FromAddr.Name != "Văn phòng Sở" || n.FromAddr.Address != "vanphong@so.gov.vn" {
		t.Errorf("from parsed as %+v", n.FromAddr)
	}
	b := cfg.Block("Khối 2")
	if b == nil || len(b.Addrs) != 2 || b.Addrs[0].Address != "a@so.gov.vn" || b.Line != 6 {
		t.Fatalf("block %+v", b)
	}
	pw, err := n.ReadPassword(func(k string) string { return map[string]string{"SW_SMTP": "bí-mật"}[k] })
	if err != nil || pw != "bí-mật" {
		t.Errorf("password from env = %q, %v", pw, err)
	}
	if _, err := n.ReadPassword(func(string) string { return "" }); err == nil {
		t.Error("an unset password variable was accepted")
	}
	f := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(f, []byte("tệp-mật\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	byFile := Notify{PasswordFile: f}
	if pw, err := byFile.ReadPassword(nil); err != nil || pw != "tệp-mật" {
		t.Errorf("password from file = %q, %v", pw, err)
	}
	// tls mode decides the default port.
	cfg, err = Parse("tls.yaml", []byte(strings.Replace(y, "host: smtp.so.gov.vn,", "host: smtp.so.gov.vn, tls: tls,", 1)))
	if err != nil || cfg.Settings.Notify.Port != 465 {
		t.Errorf("tls: port %v, %v", cfg.Settings.Notify.Port, err)
	}
}

func TestFailOn(t *testing.T) {
	t.Parallel()
	const units = "units:\n  - {id: a, name: A, kind: k, url: \"https://a.edu.vn/\"}\n"
	tests := []struct {
		name, kind string
		want       []string
	}{
		{"default is the dispatch's rules", "{name: K}", DefaultFailOn},
		{"a kind adds a check", "{name: K, fail_on: [quota, freshness, captions, integrity]}", []string{"quota", "freshness", "captions", "integrity"}},
		{"an empty list makes every failure a warning", "{name: K, fail_on: []}", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := Parse("t.yaml", []byte("kinds:\n  k: "+tt.kind+"\n"+units))
			if err != nil {
				t.Fatal(err)
			}
			got := cfg.Kinds["k"].FailOn
			if got == nil || strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("fail_on = %#v, want %#v", got, tt.want)
			}
		})
	}
}
