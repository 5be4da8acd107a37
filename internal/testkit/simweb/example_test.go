package simweb_test

import (
	"fmt"
	"os"

	"sitewatch/internal/testkit/simweb"
)

// A web of six sites, one per style, served on loopback with a matching
// sites.yaml and the truth to compare a crawl with.
func Example() {
	sites := simweb.Generate(simweb.Options{Seed: 1, PostsPerSite: 12}, 6)
	web, err := simweb.Start(sites)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	defer web.Close()

	registry := web.SitesYAML(simweb.RegistryOptions{Settings: map[string]string{"delay": "5ms"}})
	_ = registry // write it to a temporary sites.yaml for the crawler

	for _, s := range sites {
		truth := s.Truth()
		fmt.Println(s.Style, len(truth), web.URL(s.Name) != "")
	}
	// Output:
	// nukeviet 12 true
	// wordpress 12 true
	// joomla 12 true
	// portal 12 true
	// blogger 12 true
	// static 12 true
}
