package attribution

import "sitewatch/config"

// ForPortal compiles the units of cfg (retired ones too: their old posts
// may still be contributions) for attributing the posts of portal, whose
// own unit "Ban biên tập" names.
func ForPortal(cfg *config.Config, portal *config.Unit) *Matcher {
	units := make([]Unit, 0, len(cfg.Units))
	for _, u := range cfg.Units {
		units = append(units, Unit{ID: u.ID, Name: u.Name, Aliases: u.Aliases, URL: u.URL})
	}
	return NewMatcher(units, portal.ID)
}
