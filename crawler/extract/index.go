package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// docIndex holds the elements that reading a page asks for by tag or
// attribute anywhere in the document (meta elements, links, scripts, time
// elements, microdata), found in one walk: each doc.Find of them walked
// the whole tree again, a dozen times per page.
type docIndex struct {
	body, title *html.Node
	// base is the first <base href>.
	base                           *html.Node
	metas, links, ldScripts, times []*html.Node
	itemtypes, datePublished       []*html.Node
}

// indexDoc walks doc once.
func indexDoc(doc *goquery.Document) *docIndex {
	ix := &docIndex{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "body":
				if ix.body == nil {
					ix.body = c
				}
			case "title":
				if ix.title == nil {
					ix.title = c
				}
			case "base":
				if _, ok := attrOK(c, "href"); ok && ix.base == nil {
					ix.base = c
				}
			case "meta":
				ix.metas = append(ix.metas, c)
			case "link":
				ix.links = append(ix.links, c)
			case "script":
				if v, _ := attrOK(c, "type"); v == "application/ld+json" {
					ix.ldScripts = append(ix.ldScripts, c)
				}
			case "time":
				if _, ok := attrOK(c, "datetime"); ok {
					ix.times = append(ix.times, c)
				}
			}
			for _, a := range c.Attr {
				if a.Namespace != "" {
					continue
				}
				switch a.Key {
				case "itemtype":
					ix.itemtypes = append(ix.itemtypes, c)
				case "itemprop":
					if a.Val == "datePublished" {
						ix.datePublished = append(ix.datePublished, c)
					}
				}
			}
			walk(c)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return ix
}

// attrOK is n's attribute key and whether n has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// meta is the first meta element whose property is prop, or nil.
func (ix *docIndex) meta(prop string) *html.Node {
	for _, m := range ix.metas {
		if v, ok := attrOK(m, "property"); ok && v == prop {
			return m
		}
	}
	return nil
}

// link is the first link element whose rel is rel, or nil.
func (ix *docIndex) link(rel string) *html.Node {
	for _, l := range ix.links {
		if v, ok := attrOK(l, "rel"); ok && v == rel {
			return l
		}
	}
	return nil
}

// hasItemtype reports whether an element's itemtype holds one of subs.
func (ix *docIndex) hasItemtype(subs ...string) bool {
	for _, n := range ix.itemtypes {
		v := attr(n, "itemtype")
		for _, s := range subs {
			if strings.Contains(v, s) {
				return true
			}
		}
	}
	return false
}

// sel is a selection of n (empty when n is nil).
func sel(n *html.Node) *goquery.Selection {
	if n == nil {
		return new(goquery.Selection)
	}
	return goquery.NewDocumentFromNode(n).Selection
}

// sels is a selection of ns in their order.
func sels(ns []*html.Node) *goquery.Selection {
	s := new(goquery.Selection)
	s.Nodes = ns
	return s
}
