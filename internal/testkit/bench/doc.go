// Package bench measures what sitewatch costs at the scale of a province and
// beyond: a first crawl and an unchanged re-crawl of N simulated unit
// websites (package simweb) with wall time, CPU time, requests, bytes and
// peak memory; the same URLs fetched by a bare net/http client (the floor);
// post-page extraction against go-htmldate with date accuracy on the
// simulated truth; the /metrics scrape and the quarterly XLSX export with
// thousands of units.
//
// The functions here run in one process so that tests and `go test -bench`
// can call them. cmd/swbench runs them as separate child processes (the
// simulated web in one, each crawl and the floor in others) so that the
// CPU time and peak RSS of a crawl are the crawler's alone.
package bench
