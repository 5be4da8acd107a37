// Command sitewatch watches the websites of the units of a provincial
// Department of Education and Training: it crawls them, counts their posts
// and images, checks the publishing rules, serves Prometheus metrics and
// status pages, and exports the quarterly emulation report.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	_ "time/tzdata" // time zones inside the binary
)

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every command gets: its streams and environment.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() map[string]command {
	return map[string]command{
		"validate":      {"check sites.yaml and print every problem with file:line", runValidate},
		"probe":         {"crawl one site without touching the database and print what was found", runProbe},
		"inspect":       {"extract one post page (from the web or a saved file)", runInspect},
		"crawl":         {"crawl every enabled unit once into the database", runCrawl},
		"posts":         {"list the posts the database counts", runPosts},
		"check":         {"evaluate the rules for every unit and print the table", runCheck},
		"serve":         {"run the scheduler, /metrics, /healthz, /readyz and the status pages", runServe},
		"export":        {"write the emulation report (XLSX or CSV) for a quarter, month or period", runExport},
		"backup":        {"write a consistent copy of the database (safe while serving)", runBackup},
		"demo":          {"serve the simulated unit websites and sitewatch on them, offline", runDemo},
		"override":      {"record an office correction of a post (exclude, include, redate), or --list the audit log", runOverride},
		"claim":         {"units' claims for missed posts: submit, list, approve, reject", runClaim},
		"notify":        {"e-mail each block leader the block's table of a month (--dry-run prints it)", runNotify},
		"hash-password": {"read a password on stdin and print its bcrypt hash for settings.auth", runHashPassword},
	}
}

// errUsage marks errors that already printed their usage.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, e *env) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "sitewatch: unknown command %q (run `sitewatch help`)\n", args[0])
		return 2
	}
	if err := c.run(ctx, e, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if errors.Is(err, errUsage) {
			return 2
		}
		fmt.Fprintf(e.stderr, "sitewatch %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: sitewatch <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --config FILE (default sites.yaml, or $SITEWATCH_CONFIG). Run `sitewatch <command> -h` for its flags.")
}

// newFlags returns a flag set that prints errors as one line (see parse).
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("sitewatch "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		// The flag package lists flags as -name; the README and the usage
		// lines write --name (both are accepted), so the help does too.
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
		fmt.Fprintf(e.stderr, "usage of sitewatch %s:\n%s", name, strings.ReplaceAll("\n"+b.String(), "\n  -", "\n  --")[1:])
	}
	return fs
}

// parse parses args. A bad flag is reported in one line that points to -h,
// as errUsage; -h prints every flag and returns flag.ErrHelp.
func parse(fs *flag.FlagSet, args []string) error {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard) // the flag package would print the error and every flag
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return flag.ErrHelp
	}
	fmt.Fprintf(out, "%s: %v (run `%s -h` for its flags)\n", fs.Name(), err, fs.Name())
	return errUsage
}

// configFlag registers --config with its default from the environment.
func configFlag(fs *flag.FlagSet, e *env) *string {
	def := "sites.yaml"
	if v := e.getenv("SITEWATCH_CONFIG"); v != "" {
		def = v
	}
	return fs.String("config", def, "the registry `file` (sites.yaml; also $SITEWATCH_CONFIG)")
}

func joinLines(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "\n  ")
}
