package crawler

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sitewatch/crawler/extract"
	"sitewatch/crawler/fetch"

	"github.com/PuerkitoBio/goquery"
)

// Inspector extracts single post pages, from the web or from saved files.
type Inspector struct {
	c *Crawler
}

// NewInspector returns an Inspector with the crawler options o.
func NewInspector(o Options) *Inspector { return &Inspector{c: New(o)} }

func (i *Inspector) opts() extract.Options {
	return extract.Options{Location: i.c.o.Location, Now: i.c.o.Now()}
}

// File extracts a saved page; pageURL is its original address (a file URL
// when empty). tpl is the template of the page's site, or nil for a lone page.
func (i *Inspector) File(path, pageURL string, tpl *extract.Template) (*extract.Page, error) {
	b, err := i.readFile(path)
	if err != nil {
		return nil, err
	}
	if pageURL == "" {
		abs, _ := filepath.Abs(path)
		pageURL = "file://" + abs
	}
	o := i.opts()
	o.Template = tpl
	return extract.FromHTML(b, pageURL, o), nil
}

// LearnFile adds a saved page of a site to that site's template.
func (i *Inspector) LearnFile(path string, tpl *extract.Template) error {
	p, err := i.PrintFile(path, tpl)
	if err != nil {
		return err
	}
	tpl.Add(p)
	return nil
}

// PrintFile fingerprints a saved page for tpl without learning it (see
// extract.Template.PrintsOf); safe for concurrent use.
func (i *Inspector) PrintFile(path string, tpl *extract.Template) (extract.Prints, error) {
	doc, err := i.ParseFile(path)
	if err != nil {
		return extract.Prints{}, err
	}
	return tpl.PrintsOf(doc), nil
}

// ParseFile reads and parses a saved page, so that it can be fingerprinted
// for its site's template (Template.PrintsOf) and then extracted with it
// (Document) without being parsed twice.
func (i *Inspector) ParseFile(path string) (*goquery.Document, error) {
	b, err := i.readFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// Document is File on a page parsed by ParseFile; prints are what
// tpl.PrintsOf took of doc, or zero.
func (i *Inspector) Document(doc *goquery.Document, path, pageURL string, tpl *extract.Template, prints extract.Prints) *extract.Page {
	if pageURL == "" {
		abs, _ := filepath.Abs(path)
		pageURL = "file://" + abs
	}
	o := i.opts()
	o.Template, o.Prints = tpl, prints
	return extract.FromDocument(doc, pageURL, o)
}

// readFile reads and decodes a saved page within the body cap.
func (i *Inspector) readFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > i.c.o.MaxBodyBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, i.c.o.MaxBodyBytes)
	}
	return fetch.Decode(b, ""), nil
}

// URL fetches and extracts one page.
func (i *Inspector) URL(ctx context.Context, u string) (*extract.Page, error) {
	r, err := i.c.f.Get(ctx, u, fetch.Request{AllowPrivate: i.c.o.AllowPrivateNetwork, Insecure: i.c.o.InsecureSkipVerify})
	if err != nil {
		return nil, err
	}
	if r.Status != http.StatusOK {
		return nil, fmt.Errorf("%s answered HTTP %d", u, r.Status)
	}
	return extract.FromHTML(r.Body, r.URL, i.opts()), nil
}
