package extract

import (
	"encoding/binary"
	"hash/fnv"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// The fingerprints and page keys of a Template are stored across crawls,
// so walk must hash exactly the bytes it always hashed. refWalk and
// refPageKey are those definitions, written with strings (as walk was
// before it fed the hash directly).

// refWalkShort computes the block fingerprints by hand (the reference for
// Template.walk), with the fingerprints of the short blocks (a
// bare date or clock line, see TemplateLimits.MinShortPages) apart.
func refWalkShort(limits TemplateLimits, root *html.Node) (out, short map[*html.Node]uint64) {
	out, short = map[*html.Node]uint64{}, map[*html.Node]uint64{}
	refPath := func(path uint64, n *html.Node) uint64 {
		h := fnv.New64a()
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], path)
		h.Write(b[:])
		h.Write([]byte(n.Data))
		for _, a := range n.Attr {
			if a.Key != "id" && a.Key != "class" {
				continue
			}
			for _, w := range strings.Fields(a.Val) {
				if stateClass[strings.ToLower(w)] {
					continue
				}
				h.Write([]byte{' '})
				h.Write([]byte(strings.Map(func(r rune) rune {
					if unicode.IsDigit(r) {
						return -1
					}
					return r
				}, w)))
			}
		}
		return h.Sum64()
	}
	var rec func(n *html.Node, path uint64) blockInfo
	rec = func(n *html.Node, path uint64) blockInfo {
		h := fnv.New64a()
		var info blockInfo
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				txt := normBlockText(c.Data)
				if txt == "" {
					continue
				}
				h.Write([]byte(txt))
				h.Write([]byte{0})
				for _, r := range txt {
					if unicode.IsLetter(r) {
						info.letters++
					} else if '0' <= r && r <= '9' {
						info.digits++
					}
				}
			case html.ElementNode:
				if skipTags[c.Data] {
					continue
				}
				ci := rec(c, refPath(path, c))
				var b [8]byte
				binary.LittleEndian.PutUint64(b[:], ci.content)
				h.Write(b[:])
				info.letters += ci.letters
				info.digits += ci.digits
				info.media = info.media || ci.media
			}
		}
		switch n.Data {
		case "a":
			if href := attr(n, "href"); href != "" && !strings.HasPrefix(href, "#") && !strings.HasPrefix(strings.ToLower(href), "javascript:") {
				h.Write([]byte("href:" + linkTarget(href)))
				info.media = true
			}
		case "img":
			if src := attr(n, "src"); src != "" {
				h.Write([]byte("img:" + normImg(src)))
				info.media = true
			}
		}
		info.content = h.Sum64()
		if n.Type == html.ElementNode && n.Data != "html" && n.Data != "body" && n.Data != "head" &&
			(info.media || info.letters >= limits.MinLetters) {
			var b [16]byte
			binary.LittleEndian.PutUint64(b[:8], path)
			binary.LittleEndian.PutUint64(b[8:], info.content)
			fh := fnv.New64a()
			fh.Write(b[:])
			out[n] = fh.Sum64()
		} else if n.Type == html.ElementNode && n.Data != "html" && n.Data != "body" && n.Data != "head" && info.digits >= MinShortDigits {
			var b [16]byte
			binary.LittleEndian.PutUint64(b[:8], path)
			binary.LittleEndian.PutUint64(b[8:], info.content)
			fh := fnv.New64a()
			fh.Write([]byte("short\x00"))
			fh.Write(b[:])
			short[n] = fh.Sum64()
		}
		return info
	}
	rec(root, 0)
	return out, short
}

func refPageKey(root *html.Node) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, visibleTextOf(root))))
	return h.Sum64()
}

// hashPages are the testdata pages and made-up markup with what the
// hashing must treat as it always did: invalid UTF-8, upper case beyond
// ASCII, digits in classes, state classes, white space of every kind,
// javascript: links in odd case.
func hashPages(t *testing.T) map[string]string {
	t.Helper()
	pages := map[string]string{
		"odd": "<html><body><div id=\"Khối-12\" class=\"Active item3  x\tY\">ĐÂY LÀ Khối\u00a0Lớp 12\u2003\u2003năm 2024 \xff\xfe bad</div>" +
			"<a href=\" JAVASCRİPT:void(0)\">Liên kết không đi đâu cả nhé</a><a href=\"#top\">Lên đầu trang web này nào</a>" +
			"<p>  \n </p><img src=\"/Upload/Ảnh 1.JPG?w=300\"><a href=\"/tin/bai-1.html#c\">Bài 1</a>" +
			"<script>var x = 1;</script><svg><text>không tính</text></svg>x<b>1</b>2 3</body></html>",
		"site0": sitePage(0, postBody(0, "12/07/2024")),
		"site1": sitePage(1, postBody(1, "")),
	}
	for _, glob := range []string{"testdata/*.html", "testdata/golden/*.html"} {
		files, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			pages[f] = string(b)
		}
	}
	return pages
}

func TestTemplateHashesUnchanged(t *testing.T) {
	t.Parallel()
	for name, src := range hashPages(t) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		root := doc.Nodes[0]
		tpl := NewTemplate()
		want, wantShort := refWalkShort(tpl.limits, root)
		got, gotShort := map[*html.Node]uint64{}, map[*html.Node]uint64{}
		key := tpl.walk(root, func(n *html.Node, fp uint64, short bool) {
			if short {
				gotShort[n] = fp
			} else {
				got[n] = fp
			}
		})
		if !maps.Equal(gotShort, wantShort) {
			t.Errorf("%s: %d short blocks, want %d (or their fingerprints differ)", name, len(gotShort), len(wantShort))
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d blocks, want %d", name, len(got), len(want))
		}
		for n, fp := range want {
			if got[n] != fp {
				t.Errorf("%s: <%s> fingerprint %x, want %x", name, n.Data, got[n], fp)
			}
		}
		if wk := refPageKey(root); key != wk {
			t.Errorf("%s: page key %x, want %x", name, key, wk)
		}
		var fps []uint64
		for _, fp := range want {
			fps = append(fps, fp)
		}
		for _, fp := range wantShort {
			fps = append(fps, fp)
		}
		// Learn keeps the head's publication stamps beside the blocks.
		fps = append(fps, stampPrints(root)...)
		slices.Sort(fps)
		pp := tpl.prints(root)
		if !slices.Equal(pp.fps, slices.Compact(fps)) || pp.key != key {
			t.Errorf("%s: prints differ from the walk's", name)
		}
	}
}

// TestLearnPage: learning the prints FromDocument kept is learning the document.
func TestLearnPage(t *testing.T) {
	t.Parallel()
	a, b := NewTemplate(), NewTemplate()
	for i := range 4 {
		doc := parse(t, sitePage(i, postBody(i, "")))
		p := FromDocument(doc, "http://truong.example/tin/bai.html", Options{Template: a})
		if got, want := a.LearnPage(p), b.Learn(doc); got != want {
			t.Fatalf("page %d: LearnPage %v, Learn %v", i, got, want)
		}
	}
	if a.LearnPage(FromDocument(parse(t, sitePage(9, "")), "http://truong.example/", Options{})) {
		t.Error("a page read without a template was learnt")
	}
	ma, _ := a.MarshalBinary()
	mb, _ := b.MarshalBinary()
	if string(ma) != string(mb) || a.Blocks() == 0 {
		t.Errorf("templates differ (%d and %d blocks)", a.Blocks(), b.Blocks())
	}
}
