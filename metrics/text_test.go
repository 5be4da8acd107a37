package metrics_test

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"sitewatch/internal/testkit/metricstest"
	"sitewatch/metrics"
)

// TestWriteText: the exposition WriteText writes is byte for byte what the
// registry gathers and encodes, on the fixture of two crawl runs and on
// snapshots whose labels need escaping and whose values are not whole.
func TestWriteText(t *testing.T) {
	t.Parallel()
	odd := func() *metrics.Snapshot {
		snap, err := metricstest.Round(2)
		if err != nil {
			t.Fatal(err)
		}
		u := &snap.Units[0]
		u.Name = "Trường \"Nguyễn Trãi\"\\ cơ sở\n2"
		u.URL = "http://a.test/?q=\"x\""
		u.MinCaptionShare = 0.35
		u.DaysSinceLastPost = 3
		snap.Units[1].MinCaptionShare = math.NaN()
		snap.Units[1].LastPost = time.Time{}
		return snap
	}
	tests := []struct {
		name string
		reg  func(reg prometheus.Registerer) (*metrics.Metrics, error)
	}{
		{"fixture", metricstest.Register},
		{"labels to escape, fractions, NaN", func(reg prometheus.Registerer) (*metrics.Metrics, error) {
			m, err := metricstest.Register(reg)
			if err == nil {
				m.Update(odd())
			}
			return m, err
		}},
		{"before any snapshot", func(reg prometheus.Registerer) (*metrics.Metrics, error) { return metrics.New(reg), nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reg := prometheus.NewRegistry()
			m, err := tc.reg(reg)
			if err != nil {
				t.Fatal(err)
			}
			want := exposition(t, reg)
			var got bytes.Buffer
			if err := m.WriteText(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("WriteText differs from the registry's exposition:\n%s\nwant:\n%s", got.Bytes(), want)
			}
		})
	}
}
