package export

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var sampleDir = flag.String("sample", "", "write the fixture report as report.xlsx, summary.csv and posts.csv into this directory (for looking at it)")

// TestWriteSample writes the fixture report to -sample, so that a person can
// open it or render it (LibreOffice headless) and look at the layout.
func TestWriteSample(t *testing.T) {
	if *sampleDir == "" {
		t.Skip("pass -sample DIR to write the fixture report")
	}
	r := loadFixture(t).report()
	open := func(name string) *os.File {
		f, err := os.Create(filepath.Join(*sampleDir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := f.Close(); err != nil {
				t.Error(err)
			}
		})
		return f
	}
	if err := WriteXLSX(open("report.xlsx"), r); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(open("summary.csv"), open("posts.csv"), r); err != nil {
		t.Fatal(err)
	}
}
