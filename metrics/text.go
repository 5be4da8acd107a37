package metrics

import (
	"bufio"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
)

// family is what the text exposition needs of a metric family: its Desc
// holds the same, but does not show it.
type family struct {
	name, help string
	// order lists the label positions in the order of their names: samples
	// show their labels, and are sorted, by label name (as the client
	// library does).
	order []int
	names []string // label names in that order
}

func newFamily(name, help string, labels []string) *family {
	f := &family{name: name, help: help, order: make([]int, len(labels))}
	for i := range labels {
		f.order[i] = i
	}
	sort.SliceStable(f.order, func(a, b int) bool { return labels[f.order[a]] < labels[f.order[b]] })
	for _, i := range f.order {
		f.names = append(f.names, labels[i])
	}
	return f
}

// textSample is one sample of a family, its label values by label name.
type textSample struct {
	values []string
	v      float64
}

// WriteText writes the published state in the Prometheus text format
// (version 0.0.4), byte for byte what a registry holding only m gathers and
// encodes: families sorted by name, each family's samples by label values.
// It builds no prometheus.Metric per sample, so that the exposition of a
// province (65,000 samples) costs its text rather than a tree of objects.
func (m *Metrics) WriteText(w io.Writer) error {
	type famSamples struct {
		f       *family
		t       prometheus.ValueType
		samples []textSample
	}
	byDesc := map[*prometheus.Desc]*famSamples{}
	m.each(func(desc *prometheus.Desc, t prometheus.ValueType, v float64, labels []string) {
		fs := byDesc[desc]
		if fs == nil {
			fs = &famSamples{f: m.fams[desc], t: t}
			byDesc[desc] = fs
		}
		values := labels
		if !sorted(fs.f.order) {
			values = make([]string, len(labels))
			for i, j := range fs.f.order {
				values[i] = labels[j]
			}
		}
		fs.samples = append(fs.samples, textSample{values: values, v: v})
	})
	fams := make([]*famSamples, 0, len(byDesc))
	for _, fs := range byDesc {
		fams = append(fams, fs)
	}
	sort.Slice(fams, func(a, b int) bool { return fams[a].f.name < fams[b].f.name })
	bw := bufio.NewWriterSize(w, 64<<10)
	var num []byte
	for _, fs := range fams {
		f := fs.f
		sort.SliceStable(fs.samples, func(a, b int) bool { return slices.Compare(fs.samples[a].values, fs.samples[b].values) < 0 })
		bw.WriteString("# HELP ")
		bw.WriteString(f.name)
		bw.WriteByte(' ')
		writeEscaped(bw, f.help, false)
		bw.WriteString("\n# TYPE ")
		bw.WriteString(f.name)
		if fs.t == prometheus.CounterValue {
			bw.WriteString(" counter\n")
		} else {
			bw.WriteString(" gauge\n")
		}
		for _, smp := range fs.samples {
			bw.WriteString(f.name)
			if len(smp.values) > 0 {
				bw.WriteByte('{')
				for i, v := range smp.values {
					if i > 0 {
						bw.WriteByte(',')
					}
					bw.WriteString(f.names[i])
					bw.WriteString(`="`)
					writeEscaped(bw, v, true)
					bw.WriteByte('"')
				}
				bw.WriteByte('}')
			}
			bw.WriteByte(' ')
			num = appendFloat(num[:0], smp.v)
			bw.Write(num)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

func sorted(order []int) bool {
	for i, j := range order {
		if i != j {
			return false
		}
	}
	return true
}

// writeEscaped escapes as the text format does: backslash and newline, and
// the double quote in label values.
func writeEscaped(w *bufio.Writer, s string, quote bool) {
	if !strings.ContainsAny(s, "\\\n\"") {
		w.WriteString(s)
		return
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			w.WriteString(`\\`)
		case c == '\n':
			w.WriteString(`\n`)
		case c == '"' && quote:
			w.WriteString(`\"`)
		default:
			w.WriteByte(c)
		}
	}
}

// appendFloat formats a sample value as the text format does.
func appendFloat(b []byte, f float64) []byte {
	switch {
	case f == 1:
		return append(b, '1')
	case f == 0:
		return append(b, '0')
	case f == -1:
		return append(b, "-1"...)
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, +1):
		return append(b, "+Inf"...)
	case math.IsInf(f, -1):
		return append(b, "-Inf"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}
