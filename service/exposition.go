package service

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
)

// Exposition is the sitewatch families rendered once per snapshot (after a
// crawl run, an evaluation or a reload), plain and gzipped, so that a scrape
// of a thousand units costs a copy of bytes, not a rebuild of 65,000
// samples. The Go runtime and process families are gathered live.
type Exposition struct {
	cur atomic.Pointer[renderedExpo]
}

type renderedExpo struct {
	plain, gz []byte
}

// RenderText re-renders the sitewatch families with write (a writer of the
// text format, metrics.Metrics.WriteText); call it after every
// metrics.Update. Safe for concurrent use with Handler.
func (e *Exposition) RenderText(write func(io.Writer) error) error {
	var buf bytes.Buffer
	if cur := e.cur.Load(); cur != nil {
		buf.Grow(len(cur.plain) + len(cur.plain)/8) // the previous snapshot's size, and room to grow
	}
	if err := write(&buf); err != nil {
		return err
	}
	e.cur.Store(&renderedExpo{plain: buf.Bytes(), gz: gzipped(buf.Bytes())})
	return nil
}

var textFormat = expfmt.NewFormat(expfmt.TypeTextPlain)

func encode(g prometheus.Gatherer) ([]byte, error) {
	mfs, err := g.Gather()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, textFormat)
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// Render re-encodes the sitewatch families from g; call it after every
// metrics.Update. Safe for concurrent use with Handler.
func (e *Exposition) Render(g prometheus.Gatherer) error {
	return e.RenderText(func(w io.Writer) error {
		plain, err := encode(g)
		if err == nil {
			_, err = w.Write(plain)
		}
		return err
	})
}

// Handler serves the cached families followed by the live runtime ones. A
// gzip answer is two gzip members, which every gzip reader (Prometheus's
// included) reads as one stream.
func (e *Exposition) Handler(runtime prometheus.Gatherer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, err := encode(runtime)
		if err != nil {
			http.Error(w, "gather runtime metrics: "+err.Error(), http.StatusInternalServerError)
			return
		}
		cur := e.cur.Load()
		if cur == nil {
			cur = &renderedExpo{gz: gzipped(nil)}
		}
		w.Header().Set("Content-Type", string(textFormat))
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(cur.gz)
			w.Write(gzipped(rt))
			return
		}
		w.Write(cur.plain)
		w.Write(rt)
	})
}
