package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeRegistry writes a sites.yaml with one unit and the given database.
func writeRegistry(t *testing.T, dir, database string) string {
	t.Helper()
	p := filepath.Join(dir, "sites.yaml")
	yml := fmt.Sprintf("settings:\n  database: %q\nunits:\n  - {id: thcs-a, name: \"Trường THCS A\", kind: truc_thuoc, url: \"https://thcsa.edu.vn/\"}\n", database)
	if err := os.WriteFile(p, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCLIErrors: wrong flags, missing files and unusable database paths
// give one clear line on stderr and a non-zero exit.
func TestCLIErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeRegistry(t, dir, filepath.Join(dir, "sitewatch.db"))
	noDir := writeRegistry(t, t.TempDir(), filepath.Join(dir, "khong-co-thu-muc", "x.db"))
	file := filepath.Join(dir, "mot-tep")
	if err := os.WriteFile(file, []byte(strings.Repeat("không phải cơ sở dữ liệu\n", 30)), 0o644); err != nil {
		t.Fatal(err)
	}
	underFile := writeRegistry(t, t.TempDir(), filepath.Join(file, "x.db"))
	isDir := writeRegistry(t, t.TempDir(), dir)
	notDB := writeRegistry(t, t.TempDir(), file)
	invalid := filepath.Join(dir, "invalid.yaml")
	if err := os.WriteFile(invalid, []byte("units:\n  - {id: A B, name: x, kind: nope, url: x}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		code  int
		want  string // on the first line of stderr
		lines int    // lines on stderr (default 1)
	}{
		{"unknown command", []string{"nosuch"}, 2, `unknown command "nosuch"`, 1},
		{"unknown flag", []string{"crawl", "--nope"}, 2, "sitewatch crawl: flag provided but not defined: -nope (run `sitewatch crawl -h`", 1},
		{"flag without value", []string{"posts", "--config", good, "--month"}, 2, "flag needs an argument: -month", 1},
		{"bad flag value", []string{"crawl", "--config", good, "-v=maybe"}, 2, `invalid boolean value "maybe" for -v`, 1},
		{"missing registry", []string{"check", "--config", filepath.Join(dir, "khong-co.yaml")}, 1, "no such file or directory (pass --config FILE", 1},
		{"missing registry from env", []string{"posts"}, 1, "khong-co-env.yaml: no such file", 1},
		{"database directory missing", []string{"posts", "--config", noDir}, 1, "does not exist", 1},
		{"database under a file", []string{"crawl", "--config", underFile}, 1, "does not exist", 1},
		{"database is a directory", []string{"check", "--config", isDir}, 1, "store: open", 1},
		{"database is not a database", []string{"export", "--config", notDB}, 1, "not a database", 1},
		{"bad month", []string{"posts", "--config", good, "--month", "2026-13"}, 1, "2026-13", 1},
		{"bad format", []string{"export", "--config", good, "--format", "pdf", "--out", filepath.Join(dir, "r.pdf")}, 1, `"pdf"`, 1},
		{"backup without file", []string{"backup", "--config", good}, 2, "usage: sitewatch backup", 1},
		{"backup over a file", []string{"backup", "--config", good, file}, 1, "exists", 1},
		{"unknown unit", []string{"crawl", "--config", good, "--unit", "khong-co"}, 1, `no unit "khong-co"`, 1},
		{"invalid registry lists every problem", []string{"check", "--config", invalid}, 1, "sitewatch check: invalid registry:", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			env := &env{stdout: &stdout, stderr: &stderr, getenv: func(k string) string {
				if k == "SITEWATCH_CONFIG" {
					return filepath.Join(dir, "khong-co-env.yaml")
				}
				return ""
			}}
			code := run(context.Background(), tc.args, env)
			out := strings.TrimRight(stderr.String(), "\n")
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, out)
			}
			lines := strings.Split(out, "\n")
			if len(lines) != tc.lines {
				t.Errorf("%d lines on stderr, want %d:\n%s", len(lines), tc.lines, out)
			}
			if !strings.Contains(lines[0], tc.want) {
				t.Errorf("stderr %q does not say %q", lines[0], tc.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout not empty: %q", stdout.String())
			}
		})
	}
}

// TestCLIHelp: -h lists a command's flags and exits 0.
func TestCLIHelp(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"check", "-h"}, &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }})
	if code != 0 || !strings.Contains(stderr.String(), "-month") || !strings.Contains(stderr.String(), "-config") {
		t.Errorf("check -h: exit %d, stderr:\n%s", code, stderr.String())
	}
}

// TestProbeHelpNamesLongFlags: scripts look for "--now" and
// "--allow-private-network" in `probe --help` to know what to pass.
func TestProbeHelpNamesLongFlags(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"probe", "--help"}, &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }})
	for _, want := range []string{"--now", "--allow-private-network", "--since", "--json"} {
		if code != 0 || !strings.Contains(stderr.String(), "\n  "+want) {
			t.Errorf("probe --help (exit %d) does not list %s:\n%s", code, want, stderr.String())
		}
	}
}
