package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	"sitewatch/vntext"
)

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
var monthRe = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// CronParser parses the schedule expressions (five fields).
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

type validator struct {
	file  string
	root  *yaml.Node
	probs []error
}

func (v *validator) add(path []string, format string, args ...any) {
	line, field := v.locate(path)
	v.probs = append(v.probs, wrapProblem(Problem{File: v.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}))
}

// locate walks path ("units", "3", "url") through the node tree and returns the
// line of the deepest node found and the dotted field name.
func (v *validator) locate(path []string) (int, string) {
	n := v.root
	line := 1
	if n != nil {
		line = n.Line
	}
	var field strings.Builder
	for _, p := range path {
		if n == nil {
			break
		}
		var idx int
		if _, err := fmt.Sscanf(p, "%d", &idx); err == nil && n.Kind == yaml.SequenceNode {
			fmt.Fprintf(&field, "[%d]", idx)
			if idx < len(n.Content) {
				n = n.Content[idx]
				line = n.Line
			} else {
				n = nil
			}
			continue
		}
		if field.Len() > 0 {
			field.WriteByte('.')
		}
		field.WriteString(p)
		var next *yaml.Node
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					line = n.Content[i].Line
					next = n.Content[i+1]
					break
				}
			}
		}
		n = next
	}
	return line, field.String()
}

func (v *validator) run(c *Config) {
	s := &c.Settings
	if s.Timezone == "" {
		s.Timezone = DefaultTimezone
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		v.add([]string{"settings", "timezone"}, "unknown time zone %q (use an IANA name such as Asia/Ho_Chi_Minh)", s.Timezone)
		loc, _ = time.LoadLocation(DefaultTimezone)
	}
	c.Location = loc
	if s.Database == "" {
		s.Database = DefaultDatabase
	}
	if s.Listen == "" {
		s.Listen = DefaultListen
	}
	if s.Schedule == nil {
		s.Schedule = append([]string(nil), DefaultSchedule...)
	}
	for i, e := range s.Schedule {
		if _, err := CronParser.Parse(e); err != nil {
			v.add([]string{"settings", "schedule", fmt.Sprint(i)}, "bad cron expression %q (five fields: minute hour day month weekday, e.g. \"30 6 * * *\"): %v", e, err)
		}
	}
	if s.LookbackDays == 0 {
		s.LookbackDays = DefaultLookbackDays
	} else if s.LookbackDays < 0 {
		v.add([]string{"settings", "lookback_days"}, "must be positive, got %d", s.LookbackDays)
	}
	switch {
	case s.RecheckDays == 0:
		s.RecheckDays = DefaultRecheckDays
	case s.RecheckDays < 0:
		v.add([]string{"settings", "recheck_days"}, "must be a positive number of days (how often each known post is checked to still exist), got %d", s.RecheckDays)
	case s.LookbackDays > 0 && s.RecheckDays > s.LookbackDays:
		v.add([]string{"settings", "recheck_days"}, "%d days is longer than lookback_days (%d): a post would leave the window before it is rechecked", s.RecheckDays, s.LookbackDays)
	}
	if s.Workers == 0 {
		s.Workers = DefaultWorkers
	} else if s.Workers < 0 {
		v.add([]string{"settings", "workers"}, "must be positive, got %d", s.Workers)
	}
	if s.UserAgent == "" {
		s.UserAgent = DefaultUserAgent
	}
	if s.Delay == nil {
		d := Duration(DefaultDelay)
		s.Delay = &d
	} else if *s.Delay < 0 {
		v.add([]string{"settings", "delay"}, "must not be negative")
	}
	if s.RequestTimeout == 0 {
		s.RequestTimeout = Duration(DefaultRequestTimeout)
	} else if s.RequestTimeout < 0 {
		v.add([]string{"settings", "request_timeout"}, "must be positive")
	}
	if s.CrawlTimeout == 0 {
		s.CrawlTimeout = Duration(DefaultCrawlTimeout)
	} else if s.CrawlTimeout < 0 {
		v.add([]string{"settings", "crawl_timeout"}, "must be positive")
	}
	if s.MaxPages == 0 {
		s.MaxPages = DefaultMaxPages
	} else if s.MaxPages < 0 {
		v.add([]string{"settings", "max_pages"}, "must be positive, got %d", s.MaxPages)
	}
	if s.MaxBodyBytes == 0 {
		s.MaxBodyBytes = DefaultMaxBodyBytes
	} else if s.MaxBodyBytes < 0 {
		v.add([]string{"settings", "max_body_bytes"}, "must be positive")
	}
	if s.Auth != nil {
		for user, h := range s.Auth.Users {
			if !strings.HasPrefix(h, "$2a$") && !strings.HasPrefix(h, "$2b$") && !strings.HasPrefix(h, "$2y$") {
				v.add([]string{"settings", "auth", "users", user}, "must be a bcrypt hash (generate one with `sitewatch hash-password`), never a plain password")
			}
		}
	}
	for i, m := range s.Exemptions {
		if !monthRe.MatchString(m) {
			v.add([]string{"settings", "exemptions", fmt.Sprint(i)}, "month %q must be written YYYY-MM", m)
		}
	}

	if s.Notify != nil {
		v.notify(s.Notify, c)
	}

	if c.Kinds == nil {
		c.Kinds, c.KindOrder = DefaultKinds()
	} else {
		c.KindOrder = kindOrder(v.root, c.Kinds)
	}
	for _, id := range c.KindOrder {
		k := c.Kinds[id]
		if k == nil {
			k = &Kind{}
			c.Kinds[id] = k
		}
		p := []string{"kinds", id}
		if !idRe.MatchString(id) {
			v.add(p, "kind id %q must be lower-case letters, digits, - or _", id)
		}
		if k.Name == "" {
			k.Name = id
		}
		if k.MonthlyQuota < 0 {
			v.add(append(p, "monthly_quota"), "must not be negative, got %d", k.MonthlyQuota)
		}
		if k.MonthlyContributionQuota < 0 {
			v.add(append(p, "monthly_contribution_quota"), "must not be negative, got %d", k.MonthlyContributionQuota)
		}
		if k.StaleAfterDays == 0 {
			k.StaleAfterDays = DefaultStaleAfterDays
		} else if k.StaleAfterDays < 0 {
			v.add(append(p, "stale_after_days"), "must be positive, got %d", k.StaleAfterDays)
		}
		if k.MinCaptionShare == nil {
			d := 0.5
			k.MinCaptionShare = &d
		} else if *k.MinCaptionShare < 0 || *k.MinCaptionShare > 1 {
			v.add(append(p, "min_caption_share"), "must be between 0 and 1, got %g", *k.MinCaptionShare)
		}
		if k.Required == nil {
			k.Required = DefaultRequirements(k.MonthlyQuota != 1)
		}
		for i, r := range k.Required {
			if r.ID == "" || len(r.Synonyms) == 0 {
				v.add(append(p, "required", fmt.Sprint(i)), "needs an id and at least one synonym")
			}
			if r.Label == "" {
				k.Required[i].Label = r.ID
			}
		}
		for i, m := range k.Exemptions {
			if !monthRe.MatchString(m) {
				v.add(append(p, "exemptions", fmt.Sprint(i)), "month %q must be written YYYY-MM", m)
			}
		}
		if k.FailOn == nil {
			k.FailOn = append([]string(nil), DefaultFailOn...)
		}
		for i, name := range k.FailOn {
			if !slices.Contains(CheckNames, name) {
				v.add(append(p, "fail_on", fmt.Sprint(i)), "unknown check %q (checks: %s)", name, strings.Join(CheckNames, ", "))
			}
		}
	}

	if len(c.Units) == 0 && !v.hasList("units") {
		// (A units list that failed to decode was already reported.)
		v.add([]string{"units"}, "no units: add at least one unit with id, name, kind and url")
	}
	seen := map[string]int{}
	// names maps a folded unit name or alias to where it was first used, so
	// that one signature never names two units.
	names := map[string]string{}
	for i, u := range c.Units {
		p := []string{"units", fmt.Sprint(i)}
		if u == nil {
			v.add(p, "empty unit")
			continue
		}
		u.Line, _ = v.locate(p)
		switch {
		case u.ID == "":
			v.add(append(p, "id"), "missing (a stable slug such as pgd-cu-jut)")
		case !idRe.MatchString(u.ID):
			v.add(append(p, "id"), "%q must be lower-case letters, digits, - or _", u.ID)
		default:
			if j, dup := seen[u.ID]; dup {
				line, _ := v.locate([]string{"units", fmt.Sprint(j)})
				v.add(append(p, "id"), "duplicate id %q (first used by units[%d] at line %d)", u.ID, j, line)
			} else {
				seen[u.ID] = i
			}
		}
		if strings.TrimSpace(u.Name) == "" {
			v.add(append(p, "name"), "missing")
		}
		if u.Kind == "" {
			v.add(append(p, "kind"), "missing (one of %s)", strings.Join(c.KindOrder, ", "))
		} else if _, ok := c.Kinds[u.Kind]; !ok {
			v.add(append(p, "kind"), "unknown kind %q (defined kinds: %s)", u.Kind, strings.Join(c.KindOrder, ", "))
		}
		if u.URL == "" {
			v.add(append(p, "url"), "missing")
		} else if pu, err := url.Parse(u.URL); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			v.add(append(p, "url"), "%q is not an http(s) URL", u.URL)
		} else {
			if pu.Path == "" {
				pu.Path = "/"
			}
			u.Parsed = pu
		}
		for j, m := range u.Exemptions {
			if !monthRe.MatchString(m) {
				v.add(append(p, "exemptions", fmt.Sprint(j)), "month %q must be written YYYY-MM", m)
			}
		}
		v.signatures(u, i, names)
		if h := u.Hints; h != nil {
			hp := append(p, "hints")
			for _, l := range []struct {
				name string
				list []string
			}{{"feeds", h.Feeds}, {"listings", h.Listings}, {"sitemaps", h.Sitemaps}} {
				for j, s := range l.list {
					if pu, err := url.Parse(s); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
						v.add(append(append([]string{}, hp...), l.name, fmt.Sprint(j)), "%q is not an http(s) URL", s)
					}
				}
			}
			if h.PostPattern != "" {
				re, err := regexp.Compile(h.PostPattern)
				if err != nil {
					v.add(append(hp, "post_pattern"), "bad regular expression: %v", err)
				}
				h.PostRegexp = re
			}
		}
	}
	v.blocks(c)
}

// notify defaults and checks settings.notify.
func (v *validator) notify(n *Notify, c *Config) {
	p := []string{"settings", "notify"}
	at := func(field string) []string { return append(append([]string{}, p...), field) }
	if strings.TrimSpace(n.Host) == "" {
		v.add(at("host"), "missing (the SMTP server, e.g. smtp.sogddt.gov.vn)")
	}
	if n.TLS == "" {
		n.TLS = DefaultNotifyTLS
	}
	if _, ok := DefaultNotifyPort[n.TLS]; !ok {
		v.add(at("tls"), "%q: use starttls (port 587), tls (port 465) or none", n.TLS)
	} else if n.Port == 0 {
		n.Port = DefaultNotifyPort[n.TLS]
	}
	if n.Port < 0 || n.Port > 65535 {
		v.add(at("port"), "%d is not a TCP port", n.Port)
	}
	if n.Password != "" {
		v.add(at("password"), "never write the password in sites.yaml: name an environment variable (password_env) or a file (password_file)")
	}
	if n.PasswordEnv != "" && n.PasswordFile != "" {
		v.add(at("password_file"), "set password_env or password_file, not both")
	}
	if n.Username != "" && n.PasswordEnv == "" && n.PasswordFile == "" && n.Password == "" {
		v.add(at("username"), "needs password_env or password_file")
	}
	if n.Username == "" && (n.PasswordEnv != "" || n.PasswordFile != "") {
		v.add(at("username"), "missing: a password is set without a user name")
	}
	if n.Username != "" && n.TLS == NotifyNoTLS {
		v.add(at("tls"), "none would send the password unencrypted: use starttls or tls")
	}
	if strings.TrimSpace(n.From) == "" {
		v.add(at("from"), "missing (the sender, e.g. \"Văn phòng Sở GD&ĐT <vanphong@sogddt.gov.vn>\")")
	} else if a, err := mail.ParseAddress(n.From); err != nil {
		v.add(at("from"), "%q is not an e-mail address: %v%s", n.From, err, commaHint(n.From))
	} else {
		n.FromAddr = a
	}
	if n.Schedule == "" {
		n.Schedule = DefaultNotifySchedule
	} else if _, err := CronParser.Parse(n.Schedule); err != nil {
		v.add(at("schedule"), "bad cron expression %q (five fields: minute hour day month weekday, e.g. \"0 7 2 * *\"): %v", n.Schedule, err)
	}
	if n.Timeout == 0 {
		n.Timeout = Duration(DefaultNotifyTimeout)
	} else if n.Timeout < 0 {
		v.add(at("timeout"), "must be positive")
	}
	if n.Attempts == 0 {
		n.Attempts = DefaultNotifyAttempts
	} else if n.Attempts < 0 {
		v.add(at("attempts"), "must be positive, got %d", n.Attempts)
	}
	if n.Backoff == 0 {
		n.Backoff = Duration(DefaultNotifyBackoff)
	} else if n.Backoff < 0 {
		v.add(at("backoff"), "must not be negative")
	}
	recipients := false
	for _, b := range c.Blocks {
		if b != nil && len(b.Emails) > 0 {
			recipients = true
		}
	}
	if !recipients {
		v.add(p, "no block has recipients: add blocks: [{name: ..., leader: ..., emails: [...]}]")
	}
}

// blocks checks the blocks list: named once each, used by a unit, with
// valid recipients.
func (v *validator) blocks(c *Config) {
	used := map[string]bool{}
	for _, u := range c.Units {
		if u != nil {
			used[u.Block] = true
		}
	}
	seen := map[string]int{}
	for i, b := range c.Blocks {
		p := []string{"blocks", fmt.Sprint(i)}
		if b == nil {
			v.add(p, "empty block")
			continue
		}
		b.Line, _ = v.locate(p)
		at := func(field string) []string { return append(append([]string{}, p...), field) }
		switch name := strings.TrimSpace(b.Name); {
		case name == "":
			v.add(at("name"), "missing (the block as the units write it, e.g. \"Khối 1\")")
		case !used[b.Name]:
			v.add(at("name"), "no unit is in block %q (check the spelling against the units' block field)", b.Name)
		default:
			if j, dup := seen[b.Name]; dup {
				line, _ := v.locate([]string{"blocks", fmt.Sprint(j)})
				v.add(at("name"), "block %q is listed twice (first at blocks[%d], line %d)", b.Name, j, line)
			}
			seen[b.Name] = i
		}
		if len(b.Emails) == 0 {
			v.add(at("emails"), "no recipient: list at least one e-mail address")
		}
		for j, e := range b.Emails {
			a, err := mail.ParseAddress(e)
			if err != nil {
				v.add(append(at("emails"), fmt.Sprint(j)), "%q is not an e-mail address: %v%s", e, err, commaHint(e))
				continue
			}
			b.Addrs = append(b.Addrs, a)
		}
	}
}

// commaHint explains the usual cause of an address that does not parse: a
// display name with a comma, which must be quoted.
func commaHint(addr string) string {
	if strings.Contains(addr, ",") && !strings.HasPrefix(strings.TrimSpace(addr), `"`) {
		return ` (a name with a comma must be in double quotes: "\"Sở GD&ĐT, Văn phòng\" <vp@so.gov.vn>")`
	}
	return ""
}

// Block returns the block named name, or nil.
func (c *Config) Block(name string) *Block {
	for _, b := range c.Blocks {
		if b != nil && b.Name == name {
			return b
		}
	}
	return nil
}

// signatures checks the unit's aliases: each is non-empty and names one
// unit only (no other unit's name or alias folds to the same words).
func (v *validator) signatures(u *Unit, i int, names map[string]string) {
	p := []string{"units", fmt.Sprint(i)}
	where := fmt.Sprintf("units[%d]", i)
	if u.ID != "" {
		where = fmt.Sprintf("units[%d] %q", i, u.ID)
	}
	if f := vntext.Fold(u.Name); f != "" {
		if _, dup := names[f]; !dup {
			names[f] = where
		}
	}
	for j, a := range u.Aliases {
		ap := append(append([]string{}, p...), "aliases", fmt.Sprint(j))
		f := vntext.Fold(a)
		if f == "" {
			v.add(ap, "empty alias (write another name the unit signs with, e.g. \"THPT CVA\")")
			continue
		}
		if first, dup := names[f]; dup && first != where {
			v.add(ap, "alias %q is already the name or an alias of %s: a signature must name one unit", a, first)
			continue
		}
		names[f] = where
	}
}

// hasList reports whether the top-level key name holds a non-empty list.
func (v *validator) hasList(name string) bool {
	if v.root == nil || v.root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(v.root.Content); i += 2 {
		if v.root.Content[i].Value == name {
			n := v.root.Content[i+1]
			return n.Kind == yaml.SequenceNode && len(n.Content) > 0
		}
	}
	return false
}

// kindOrder lists the kinds in file order; kinds that came through a YAML
// merge key (<<), at the top level or inside kinds, follow in name order,
// so that every decoded kind is defaulted and checked.
func kindOrder(root *yaml.Node, kinds map[string]*Kind) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range keyOrder(root, "kinds") {
		if _, ok := kinds[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	var rest []string
	for id := range kinds {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// keyOrder returns the keys of the mapping at top-level key name, in file order.
func keyOrder(root *yaml.Node, name string) []string {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == name && root.Content[i+1].Kind == yaml.MappingNode {
			var out []string
			m := root.Content[i+1]
			for j := 0; j+1 < len(m.Content); j += 2 {
				out = append(out, m.Content[j].Value)
			}
			return out
		}
	}
	return nil
}

// Unit returns the unit with id, or nil.
func (c *Config) Unit(id string) *Unit {
	// The index of the parsed units answers per post of a report; a unit
	// added or renamed since (tests build configurations by hand) is found
	// by the scan.
	if u := c.unitByID[id]; u != nil && u.ID == id {
		return u
	}
	for _, u := range c.Units {
		if u.ID == id {
			return u
		}
	}
	return nil
}

// KindOf returns the kind of u.
func (c *Config) KindOf(u *Unit) *Kind { return c.Kinds[u.Kind] }

// Exempt reports whether unit u is exempt from its quota in month (YYYY-MM).
func (c *Config) Exempt(u *Unit, month string) bool {
	for _, list := range [][]string{c.Settings.Exemptions, c.KindOf(u).Exemptions, u.Exemptions} {
		for _, m := range list {
			if m == month {
				return true
			}
		}
	}
	return false
}
