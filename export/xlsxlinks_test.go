package export

import (
	"bytes"
	"strings"
	"testing"
)

// writeBytewise writes s one byte at a time, so that every marker the
// filter looks for is split across writes somewhere.
func writeBytewise(t *testing.T, w interface {
	Write([]byte) (int, error)
	finish() error
}, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		if _, err := w.Write([]byte{s[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.finish(); err != nil {
		t.Fatal(err)
	}
}

func TestSheetFilter(t *testing.T) {
	t.Parallel()
	links := []sheetLink{{cell: "E3", target: "https://a.example/x?a=1&b=2", tooltip: `say "hi"`}, {cell: "E4", target: "https://a.example/y"}}
	const wantLinks = `<hyperlinks><hyperlink ref="E3" r:id="rIdL1" tooltip="say &#34;hi&#34;"/><hyperlink ref="E4" r:id="rIdL2"/></hyperlinks>`
	tests := []struct {
		name, in, want string
	}{
		{
			name: "namespace kept, links before pageMargins",
			in:   `<?xml version="1.0"?><worksheet xmlns="m" xmlns:r="` + relNS + `"><sheetData><row r="1"/></sheetData><autoFilter ref="A1:B2"/><pageMargins left="1"/></worksheet>`,
			want: `<?xml version="1.0"?><worksheet xmlns="m" xmlns:r="` + relNS + `"><sheetData><row r="1"/></sheetData><autoFilter ref="A1:B2"/>` + wantLinks + `<pageMargins left="1"/></worksheet>`,
		},
		{
			name: "namespace added, links before the end tag",
			in:   `<worksheet xmlns="m"><sheetData></sheetData><mergeCells count="0"></mergeCells></worksheet>`,
			want: `<worksheet xmlns="m" xmlns:r="` + relNS + `"><sheetData></sheetData><mergeCells count="0"></mergeCells>` + wantLinks + `</worksheet>`,
		},
		{
			name: "text that looks like a tag is escaped, never matched",
			in:   `<worksheet xmlns:r="` + relNS + `"><sheetData><c><is><t>&lt;pageMargins</t></is></c></sheetData><headerFooter/></worksheet>`,
			want: `<worksheet xmlns:r="` + relNS + `"><sheetData><c><is><t>&lt;pageMargins</t></is></c></sheetData>` + wantLinks + `<headerFooter/></worksheet>`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			writeBytewise(t, &sheetFilter{w: &out, links: links, part: "p"}, tc.in)
			if out.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), tc.want)
			}
		})
	}
	for _, bad := range []string{
		`<worksheet xmlns:r="` + relNS + `"><sheetData/></worksheet>`,
		`<worksheet xmlns:r="` + relNS + `"><sheetData></sheetData><hyperlinks></hyperlinks></worksheet>`,
		`<worksheet xmlns:r="other"><sheetData></sheetData></worksheet>`,
	} {
		f := &sheetFilter{w: &bytes.Buffer{}, links: links, part: "p"}
		_, err := f.Write([]byte(bad))
		if err == nil {
			err = f.finish()
		}
		if err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestRelsMerge(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	in := `<?xml version="1.0"?><Relationships xmlns="` + relPackageNS + `"><Relationship Id="rId1" Type="t" Target="../drawings/drawing1.xml"/></Relationships>`
	writeBytewise(t, &relsMerge{w: &out, links: []sheetLink{{cell: "A1", target: "http://x.example/?a=1&b=<2>"}}, part: "r"}, in)
	want := `<Relationship Id="rId1" Type="t" Target="../drawings/drawing1.xml"/><Relationship Id="rIdL1" Type="` + relHyperlink + `" Target="http://x.example/?a=1&amp;b=&lt;2&gt;" TargetMode="External"/></Relationships>`
	if !strings.HasSuffix(out.String(), want) {
		t.Errorf("got %s", out.String())
	}
}

func TestRelsPart(t *testing.T) {
	t.Parallel()
	if got := relsPart("xl/worksheets/sheet2.xml"); got != "xl/worksheets/_rels/sheet2.xml.rels" {
		t.Errorf("relsPart = %q", got)
	}
}
