package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Why this file exists: excelize's SetCellHyperLink scans every hyperlink
// and every relationship already in the sheet for each new one, so a sheet
// of n links costs O(n²): 4 s of a 1,000-unit quarter's 4.4 s export went
// there (BENCHMARKS.md). The hyperlinks are instead collected while the
// cells are written and added to the package as excelize writes it, through
// its public SetZipWriter hook: the <hyperlinks> element goes into the sheet
// part and one external relationship per link into the sheet's .rels part,
// both in one pass.

// Relationship vocabulary of an external hyperlink (ECMA-376 part 1, 18.3.1.47).
const (
	relNS         = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relPackageNS  = "http://schemas.openxmlformats.org/package/2006/relationships"
	relHyperlink  = relNS + "/hyperlink"
	linkRelPrefix = "rIdL" // never produced by excelize, whose ids are rId<N>
)

// maxTooltipLen is the longest tooltip written with a link.
const maxTooltipLen = 250

// sheetLink is one external hyperlink of a sheet.
type sheetLink struct {
	cell, target, tooltip string
}

// elementsAfterHyperlinks are the worksheet children that follow
// <hyperlinks> in the schema (CT_Worksheet), and the end tag: the links go
// before the first of them found after </sheetData>.
var elementsAfterHyperlinks = []string{
	"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks", "<colBreaks",
	"<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing",
	"<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems",
	"<mc:AlternateContent", "<tableParts", "<extLst", "</worksheet>",
}

const (
	sheetDataEnd = "</sheetData>"
	rootTag      = "<worksheet"
)

// linkZip is the excelize.ZipWriter of WriteXLSX. It passes every part
// through to a zip.Writer and adds the collected links of each sheet part.
// It is used by one goroutine (excelize writes parts one after the other).
type linkZip struct {
	zw *zip.Writer
	// links by worksheet part name ("xl/worksheets/sheet2.xml").
	links map[string][]sheetLink
	// open is the filter of the part being written, finished before the next part.
	open interface{ finish() error }
	// relsSeen records the .rels parts excelize wrote itself (links merged in).
	relsSeen map[string]bool
}

func newLinkZip(w io.Writer, links map[string][]sheetLink) *linkZip {
	zw := zip.NewWriter(w)
	// The sheets' XML compresses well at the fastest level; the default
	// level spent about a sixth of an export of 1,000 units in deflate.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return &linkZip{zw: zw, links: links, relsSeen: map[string]bool{}}
}

var _ excelize.ZipWriter = (*linkZip)(nil)

// relsPart is the relationships part of a worksheet part.
func relsPart(sheetPart string) string {
	i := strings.LastIndexByte(sheetPart, '/')
	return sheetPart[:i+1] + "_rels/" + sheetPart[i+1:] + ".rels"
}

func (z *linkZip) finishOpen() error {
	if z.open == nil {
		return nil
	}
	err := z.open.finish()
	z.open = nil
	return err
}

// Create starts a part; a linked sheet or its .rels part gets a filter.
func (z *linkZip) Create(name string) (io.Writer, error) {
	if err := z.finishOpen(); err != nil {
		return nil, err
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return nil, err
	}
	if links := z.links[name]; len(links) > 0 {
		f := &sheetFilter{w: w, links: links, part: name}
		z.open = f
		return f, nil
	}
	for sheet, links := range z.links {
		if len(links) > 0 && relsPart(sheet) == name {
			z.relsSeen[name] = true
			r := &relsMerge{w: w, links: links, part: name}
			z.open = r
			return r, nil
		}
	}
	return w, nil
}

// AddFS is zip.Writer.AddFS (excelize does not call it).
func (z *linkZip) AddFS(fsys fs.FS) error {
	if err := z.finishOpen(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

// Close writes the .rels parts excelize did not write and closes the zip.
func (z *linkZip) Close() error {
	if err := z.finishOpen(); err != nil {
		return err
	}
	for sheet, links := range z.links {
		name := relsPart(sheet)
		if len(links) == 0 || z.relsSeen[name] {
			continue
		}
		w, err := z.zw.Create(name)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		b.WriteString(xml.Header)
		b.WriteString(`<Relationships xmlns="` + relPackageNS + `">`)
		writeRels(&b, links)
		b.WriteString(`</Relationships>`)
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
	}
	return z.zw.Close()
}

func linkID(i int) string { return linkRelPrefix + strconv.Itoa(i+1) }

func writeRels(b *bytes.Buffer, links []sheetLink) {
	for i, l := range links {
		b.WriteString(`<Relationship Id="` + linkID(i) + `" Type="` + relHyperlink + `" Target="`)
		_ = xml.EscapeText(b, []byte(l.target))
		b.WriteString(`" TargetMode="External"/>`)
	}
}

// sheetFilter passes a worksheet part through, making sure its root declares
// the relationships namespace, and inserts the <hyperlinks> element after
// </sheetData>, before the first element the schema puts after it.
type sheetFilter struct {
	w     io.Writer
	part  string
	links []sheetLink
	// head holds the start of the part until the root start tag is complete.
	head    []byte
	headOK  bool
	pending []byte // bytes not yet passed on (a possible split marker, or the tail)
	inTail  bool   // </sheetData> seen: everything after it is held
}

func (f *sheetFilter) Write(p []byte) (int, error) {
	n := len(p)
	if !f.headOK {
		f.head = append(f.head, p...)
		i := bytes.Index(f.head, []byte(rootTag))
		if i < 0 {
			return n, nil
		}
		j := bytes.IndexByte(f.head[i:], '>')
		if j < 0 {
			return n, nil
		}
		j += i
		root := f.head[i:j]
		out := make([]byte, 0, len(f.head)+len(relNS)+16)
		out = append(out, f.head[:j]...)
		if !bytes.Contains(root, []byte(`xmlns:r="`+relNS+`"`)) {
			if bytes.Contains(root, []byte("xmlns:r=")) {
				return n, fmt.Errorf("export: %s binds the r prefix to another namespace", f.part)
			}
			out = append(out, ` xmlns:r="`+relNS+`"`...)
		}
		rest := f.head[j:]
		f.head, f.headOK = nil, true
		if _, err := f.w.Write(out); err != nil {
			return n, err
		}
		p = rest
	}
	if f.inTail {
		f.pending = append(f.pending, p...)
		return n, nil
	}
	buf := append(f.pending, p...)
	if i := bytes.Index(buf, []byte(sheetDataEnd)); i >= 0 {
		end := i + len(sheetDataEnd)
		if _, err := f.w.Write(buf[:end]); err != nil {
			return n, err
		}
		f.pending = append([]byte(nil), buf[end:]...)
		f.inTail = true
		return n, nil
	}
	// Keep what could be the start of a marker split across writes.
	keep := min(len(sheetDataEnd)-1, len(buf))
	if _, err := f.w.Write(buf[:len(buf)-keep]); err != nil {
		return n, err
	}
	f.pending = append(f.pending[:0:0], buf[len(buf)-keep:]...)
	return n, nil
}

func (f *sheetFilter) finish() error {
	if !f.inTail {
		return fmt.Errorf("export: %s has no %s for its %d hyperlinks", f.part, sheetDataEnd, len(f.links))
	}
	tail := f.pending
	if bytes.Contains(tail, []byte("<hyperlinks")) {
		return fmt.Errorf("export: %s already has hyperlinks", f.part)
	}
	at := -1
	for _, tag := range elementsAfterHyperlinks {
		if i := bytes.Index(tail, []byte(tag)); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if at < 0 {
		return fmt.Errorf("export: %s does not end as a worksheet", f.part)
	}
	var b bytes.Buffer
	b.Write(tail[:at])
	b.WriteString("<hyperlinks>")
	for i, l := range f.links {
		b.WriteString(`<hyperlink ref="` + l.cell + `" r:id="` + linkID(i) + `"`)
		if l.tooltip != "" {
			b.WriteString(` tooltip="`)
			_ = xml.EscapeText(&b, []byte(l.tooltip))
			b.WriteString(`"`)
		}
		b.WriteString("/>")
	}
	b.WriteString("</hyperlinks>")
	b.Write(tail[at:])
	_, err := f.w.Write(b.Bytes())
	return err
}

// relsMerge holds a .rels part excelize writes for a linked sheet and adds
// the links' relationships before its end tag.
type relsMerge struct {
	w     io.Writer
	part  string
	links []sheetLink
	buf   bytes.Buffer
}

func (r *relsMerge) Write(p []byte) (int, error) { return r.buf.Write(p) }

func (r *relsMerge) finish() error {
	b := r.buf.Bytes()
	i := bytes.LastIndex(b, []byte("</Relationships>"))
	if i < 0 {
		return fmt.Errorf("export: %s is not a relationships part", r.part)
	}
	var out bytes.Buffer
	out.Write(b[:i])
	writeRels(&out, r.links)
	out.Write(b[i:])
	_, err := r.w.Write(out.Bytes())
	return err
}
