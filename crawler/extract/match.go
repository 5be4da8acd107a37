package extract

import (
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// groupMatcher matches a selector group as cascadia does, with the group's
// simple selectors (a tag, .class or #id alone) looked up in sets: a node
// costs one pass over its attributes, not one string search per selector.
// Extraction asks such groups of every ancestor of many nodes (is this
// date in a sidebar?), where cascadia's one-by-one class tests were a
// fifth of a page's reading. The other selectors go to cascadia.
type groupMatcher struct {
	tags, classes, ids map[string]bool
	rest               cascadia.SelectorGroup
}

var (
	reSimpleTag   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	reSimpleClass = regexp.MustCompile(`^\.[\w-]+$`)
	reSimpleID    = regexp.MustCompile(`^#[\w-]+$`)
)

// compileGroup compiles a selector group (selectors joined by commas, no
// comma inside one); it panics on a selector cascadia cannot parse.
func compileGroup(group string) groupMatcher {
	g := groupMatcher{tags: map[string]bool{}, classes: map[string]bool{}, ids: map[string]bool{}}
	var rest []string
	for _, s := range strings.Split(group, ",") {
		s = strings.TrimSpace(s)
		switch {
		case reSimpleTag.MatchString(s):
			g.tags[s] = true
		case reSimpleClass.MatchString(s):
			g.classes[s[1:]] = true
		case reSimpleID.MatchString(s):
			g.ids[s[1:]] = true
		case s != "":
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		sg, err := cascadia.ParseGroup(strings.Join(rest, ", "))
		if err != nil {
			panic(err)
		}
		g.rest = sg
	}
	return g
}

// Match reports whether n matches one selector of the group.
func (g groupMatcher) Match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if g.tags[n.Data] {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "class":
			if len(g.classes) > 0 {
				for _, c := range strings.Fields(a.Val) {
					if g.classes[c] {
						return true
					}
				}
			}
		case "id":
			if g.ids[a.Val] {
				return true
			}
		}
	}
	return g.rest != nil && g.rest.Match(n)
}

// MatchAll returns n and its descendants that match, in document order.
func (g groupMatcher) MatchAll(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if g.Match(c) {
			out = append(out, c)
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
	}
	walk(n)
	return out
}

// Filter returns the nodes of ns that match.
func (g groupMatcher) Filter(ns []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range ns {
		if g.Match(n) {
			out = append(out, n)
		}
	}
	return out
}
