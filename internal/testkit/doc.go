// Package testkit holds no code of its own: its subpackages are the test
// kits of sitewatch, kept apart from what the product is made of.
//
//   - simweb: the simulated web of school and office sites with ground truth
//     (also served by `sitewatch demo`)
//   - faultweb: misbehaving websites for fault-injection tests
//   - soportal: a simulated Sở portal whose posts carry bylines, with truth
//   - bench: the province-scale measurements behind BENCHMARKS.md (driven by
//     cmd/swbench); bench/datecmp runs go-htmldate for comparison
//   - metricstest: a fixed, realistic state for metrics, dashboard and alert
//     tests
//   - promtest: a real Prometheus server for end-to-end tests
//   - browsertest: a real headless Chromium for tests of the pages
package testkit
