// Command swbench-extract compares extract.FromHTML with go-htmldate on the
// post pages of simulated sites and prints the scores as JSON; swbench runs
// it when it finds it beside itself. It is a binary of its own so that the
// crawl processes carry only what the crawler itself links.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"sitewatch/internal/testkit/bench"
	"sitewatch/internal/testkit/bench/datecmp"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "swbench-extract:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("swbench-extract", flag.ContinueOnError)
	n := fs.Int("sites", 60, "number of simulated sites whose post pages are extracted")
	runs := fs.Int("runs", 3, "timed passes over the pages")
	seed := fs.Int64("seed", 1, "simweb seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	pages := bench.PostPages(bench.Generate(bench.WebOptions{Sites: *n, Seed: *seed}), 0)
	return json.NewEncoder(stdout).Encode(datecmp.Compare(pages, *runs))
}
