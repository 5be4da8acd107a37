package bench_test

import (
	"os"
	"testing"
)

var benchDir string

// tempDir is a directory removed when the test binary exits (benchmarks
// share one filled store across b.Run calls, beyond one b.TempDir).
func tempDir() (string, error) {
	if benchDir == "" {
		d, err := os.MkdirTemp("", "sitewatch-bench-")
		if err != nil {
			return "", err
		}
		benchDir = d
	}
	return benchDir, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
