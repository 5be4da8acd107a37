// Package config loads and validates sites.yaml, the registry of units that
// sitewatch watches: the units themselves, the kinds of unit with their
// publishing rules, and the global settings of a deployment.
//
// Load decodes strictly (unknown keys are errors), applies the defaults kept in
// this file, and reports every problem at once, each with file, line and field.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the time zone database travels inside the binary

	"gopkg.in/yaml.v3"
)

// Default values, in one visible place.
const (
	DefaultTimezone       = "Asia/Ho_Chi_Minh"
	DefaultDatabase       = "sitewatch.db"
	DefaultListen         = "127.0.0.1:9718"
	DefaultUserAgent      = "sitewatch/1.0 (+https://github.com/sitewatch/sitewatch; education website monitor)"
	DefaultLookbackDays   = 100
	DefaultMaxPages       = 400
	DefaultMaxBodyBytes   = 8 << 20
	DefaultRequestTimeout = 20 * time.Second
	DefaultCrawlTimeout   = 10 * time.Minute
	DefaultDelay          = 250 * time.Millisecond
	// DefaultWorkers is how many units are crawled at once. Politeness is
	// per host (one connection and DefaultDelay between two requests to a
	// host, across workers), so workers only set how many sites are crawled
	// side by side while each waits out its delay: 8 left a province of
	// 1,000 sites mostly waiting. README ("How long a crawl takes") gives
	// the measured times with these defaults.
	DefaultWorkers        = 64
	DefaultStaleAfterDays = 30
	DefaultRecheckDays    = 7

	// DefaultNotifySchedule sends the block leaders' notice on the 2nd of
	// each month at 07:00 in the configured zone (about the month before).
	DefaultNotifySchedule = "0 7 2 * *"
	// DefaultNotifyTLS is the TLS mode of the SMTP connection.
	DefaultNotifyTLS = NotifySTARTTLS
	// DefaultNotifyTimeout caps one SMTP delivery (connect to QUIT).
	DefaultNotifyTimeout = 30 * time.Second
	// DefaultNotifyAttempts is how many times one message is tried.
	DefaultNotifyAttempts = 5
	// DefaultNotifyBackoff is the wait before the second try; it doubles
	// after each failed try.
	DefaultNotifyBackoff = time.Minute
)

// TLS modes of settings.notify.tls.
const (
	// NotifySTARTTLS connects in plain text and upgrades (port 587); the
	// server must offer STARTTLS.
	NotifySTARTTLS = "starttls"
	// NotifyTLS connects over TLS from the first byte (port 465).
	NotifyTLS = "tls"
	// NotifyNoTLS never encrypts (a relay on the same host, port 25).
	NotifyNoTLS = "none"
)

// DefaultNotifyPort is the SMTP port of each TLS mode.
var DefaultNotifyPort = map[string]int{NotifySTARTTLS: 587, NotifyTLS: 465, NotifyNoTLS: 25}

// CheckNames are the checks sitewatch runs, in evaluation order: the names
// fail_on may list. Package checks registers exactly these (its tests hold
// the registry to this list).
var CheckNames = []string{"quota", "freshness", "captions", "site", "sections", "integrity", "contributions"}

// DefaultFailOn are the checks whose failure makes a unit "Không đạt" when a
// kind sets no fail_on: the three rules of the provincial dispatch (posts a
// month, posting "kịp thời", captioned photos). A failure of any other check
// (site health, required sections, integrity) only warns ("Cảnh báo").
var DefaultFailOn = []string{"quota", "freshness", "captions", "contributions"}

// DefaultSchedule crawls twice a day, at 06:30 and 18:30 in the configured zone.
var DefaultSchedule = []string{"30 6 * * *", "30 18 * * *"}

// ErrInvalid is wrapped by every validation error returned by Load.
var ErrInvalid = errors.New("invalid configuration")

// Config is a parsed and validated sites.yaml.
type Config struct {
	// Path is the file the configuration was read from.
	Path     string           `yaml:"-"`
	Settings Settings         `yaml:"settings"`
	Kinds    map[string]*Kind `yaml:"kinds"`
	Units    []*Unit          `yaml:"units"`
	// Blocks name the leader (khối trưởng) and the recipients of the
	// monthly notice of each emulation block; units join a block by its name.
	Blocks []*Block `yaml:"blocks"`

	// Location is Settings.Timezone, loaded.
	Location *time.Location `yaml:"-"`
	// kindOrder keeps the kinds in file order.
	KindOrder []string `yaml:"-"`
	// unitByID indexes Units by ID as parsed (see Unit).
	unitByID map[string]*Unit
}

// Settings are the deployment-wide settings.
type Settings struct {
	// Timezone decides months and days. Default Asia/Ho_Chi_Minh.
	Timezone string `yaml:"timezone"`
	// Database is the SQLite file. Default sitewatch.db, relative to the working directory.
	Database string `yaml:"database"`
	// Listen is the HTTP address of `sitewatch serve`. Default 127.0.0.1:9718.
	Listen string `yaml:"listen"`
	// Schedule lists cron expressions (minute hour dom month dow) in Timezone. Default 06:30 and 18:30.
	Schedule []string `yaml:"schedule"`
	// CrawlOnStart runs a crawl as soon as serve starts. Default false.
	CrawlOnStart bool `yaml:"crawl_on_start"`
	// LookbackDays stops pagination once listings are older than this. Default 100.
	LookbackDays int `yaml:"lookback_days"`
	// RecheckDays is the longest time between two liveness checks of a known
	// post in the lookback window: each crawl rechecks a rolling share of
	// them (conditional GET) so that a post deleted behind an unchanged feed
	// is marked gone within this many days. Default 7.
	RecheckDays int `yaml:"recheck_days"`
	// Workers is how many units are crawled at once (one connection per host). Default 64.
	Workers int `yaml:"workers"`
	// UserAgent names sitewatch and a contact URL.
	UserAgent string `yaml:"user_agent"`
	// Delay between two requests to the same host. Default 250ms; 0s is allowed (tests).
	Delay *Duration `yaml:"delay"`
	// RequestTimeout caps one request. Default 20s.
	RequestTimeout Duration `yaml:"request_timeout"`
	// CrawlTimeout caps the crawl of one unit. Default 10m.
	CrawlTimeout Duration `yaml:"crawl_timeout"`
	// MaxPages caps the pages fetched per unit per crawl. Default 400.
	MaxPages int `yaml:"max_pages"`
	// MaxBodyBytes caps one response body. Default 8 MiB.
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	// AllowPrivateNetwork lets the crawler reach loopback and private addresses. Default false.
	AllowPrivateNetwork bool `yaml:"allow_private_network"`
	// InsecureSkipVerify crawls sites whose certificate is invalid (still reported). Default false.
	InsecureSkipVerify bool `yaml:"insecure_skip_verify"`
	// Auth protects the status pages and export with basic authentication (bcrypt hashes).
	Auth *Auth `yaml:"auth"`
	// Exemptions are months that no kind is held to a quota for (e.g. "2026-07").
	Exemptions []string `yaml:"exemptions"`
	// ExcludeBackdated stops counting backdated posts (dated in a month that
	// was already closed when they first appeared). Default false: flagged only.
	ExcludeBackdated bool `yaml:"exclude_backdated"`
	// Notify sends each block leader the block's monthly table by e-mail.
	// Default: no notice.
	Notify *Notify `yaml:"notify"`
}

// Notify is settings.notify: the SMTP server and sender of the notice to
// block leaders. The password never sits in sites.yaml: it is read, when a
// message is sent, from PasswordEnv or PasswordFile.
type Notify struct {
	// Host is the SMTP server. Required.
	Host string `yaml:"host"`
	// Port is the SMTP port. Default 587 for starttls, 465 for tls, 25 for none.
	Port int `yaml:"port"`
	// TLS is starttls, tls or none. Default starttls.
	TLS string `yaml:"tls"`
	// Username for SMTP AUTH (PLAIN); empty sends without authentication.
	Username string `yaml:"username"`
	// PasswordEnv names the environment variable holding the password.
	PasswordEnv string `yaml:"password_env"`
	// PasswordFile is a file holding the password (trailing newline ignored).
	PasswordFile string `yaml:"password_file"`
	// Password is refused: it exists so that the error says what to write instead.
	Password string `yaml:"password"`
	// From is the sender, e.g. "Văn phòng Sở GD&ĐT <vanphong@sogddt.gov.vn>". Required.
	From string `yaml:"from"`
	// Schedule is when serve sends the notice of the month before (cron, in
	// settings.timezone). Default "0 7 2 * *": the 2nd of each month at 07:00.
	Schedule string `yaml:"schedule"`
	// Timeout caps one delivery. Default 30s.
	Timeout Duration `yaml:"timeout"`
	// Attempts is how many times a message is tried before it is given up. Default 5.
	Attempts int `yaml:"attempts"`
	// Backoff is the wait before the second try, doubled after each failure. Default 1m.
	Backoff Duration `yaml:"backoff"`

	// FromAddr is From, parsed.
	FromAddr *mail.Address `yaml:"-"`
}

// Addr is host:port of the SMTP server.
func (n *Notify) Addr() string { return net.JoinHostPort(n.Host, strconv.Itoa(n.Port)) }

// ReadPassword returns the SMTP password from the environment variable or
// the file named in the configuration ("" when neither is set).
func (n *Notify) ReadPassword(getenv func(string) string) (string, error) {
	switch {
	case n.PasswordEnv != "":
		v := getenv(n.PasswordEnv)
		if v == "" {
			return "", fmt.Errorf("config: settings.notify.password_env: environment variable %s is empty or unset", n.PasswordEnv)
		}
		return v, nil
	case n.PasswordFile != "":
		b, err := os.ReadFile(n.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("config: settings.notify.password_file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return "", nil
}

// Block is one emulation block (khối thi đua) and who receives its notice.
type Block struct {
	// Name is the block as units write it in their block field. Required.
	Name string `yaml:"name"`
	// Leader is the block leader (khối trưởng), named in the greeting.
	Leader string `yaml:"leader"`
	// Emails are the recipients of the block's notice. At least one.
	Emails []string `yaml:"emails"`

	// Addrs are Emails, parsed.
	Addrs []*mail.Address `yaml:"-"`
	// Line is where the block starts in the file.
	Line int `yaml:"-"`
}

// Auth holds basic-authentication users for the status pages.
type Auth struct {
	// Users maps a user name to a bcrypt hash (never a plain password).
	Users map[string]string `yaml:"users"`
	// ProtectMetrics also protects /metrics. Default false: Prometheus scrapes it openly.
	ProtectMetrics bool `yaml:"protect_metrics"`
}

// Kind is a kind of unit with its publishing rules.
type Kind struct {
	// Name is the Vietnamese label shown to office staff.
	Name string `yaml:"name"`
	// MonthlyQuota is the number of posts a month the dispatch asks for; 0 means no fixed number.
	MonthlyQuota int `yaml:"monthly_quota"`
	// StaleAfterDays is how many days without a post make a site stale. Default 30.
	StaleAfterDays int `yaml:"stale_after_days"`
	// MinCaptionShare is the share of captioned images below which the caption check fails. Default 0.5.
	MinCaptionShare *float64 `yaml:"min_caption_share"`
	// Required lists the sections a unit website must carry (labels matched with and without diacritics).
	Required []Requirement `yaml:"required"`
	// Exemptions are months ("2026-07") without a quota for this kind.
	Exemptions []string `yaml:"exemptions"`
	// CountEmpty counts posts without body text (only a title or an attachment). Default true.
	CountEmpty *bool `yaml:"count_empty"`
	// MonthlyContributionQuota is the number of items a month a unit of this
	// kind must send to the portals (units with portal: true), counted from
	// the portals' posts attributed to the unit. Default 0: not checked.
	MonthlyContributionQuota int `yaml:"monthly_contribution_quota"`
	// FailOn lists the checks (of CheckNames) whose failure makes a unit of
	// this kind "Không đạt"; a failure of any other check only warns.
	// Default DefaultFailOn; an empty list makes every failure a warning.
	FailOn []string `yaml:"fail_on"`
}

// Requirement is one required section of a unit website.
type Requirement struct {
	// ID is a short stable name, e.g. "gioi_thieu".
	ID string `yaml:"id"`
	// Label is the Vietnamese name shown in checks.
	Label string `yaml:"label"`
	// Synonyms are the labels to look for in menus, headings and links.
	Synonyms []string `yaml:"synonyms"`
}

// Unit is one unit with its own website.
type Unit struct {
	ID    string `yaml:"id"`
	Name  string `yaml:"name"`
	Kind  string `yaml:"kind"`
	Block string `yaml:"block"`
	URL   string `yaml:"url"`
	// Enabled defaults to true; a retired unit is kept with enabled: false and keeps its history.
	Enabled *bool `yaml:"enabled"`
	// Retired marks a unit that no longer exists (e.g. a district office after July 2025).
	Retired bool `yaml:"retired"`
	// AllowPrivateNetwork lets this unit's crawl reach private addresses.
	AllowPrivateNetwork bool `yaml:"allow_private_network"`
	// InsecureSkipVerify crawls this unit even with an invalid certificate.
	InsecureSkipVerify bool `yaml:"insecure_skip_verify"`
	// Exemptions are months ("2026-02") without a quota for this unit.
	Exemptions []string `yaml:"exemptions"`
	// Hints override automatic discovery.
	Hints *Hints `yaml:"hints"`
	// Portal marks a website (the Sở's own, or any portal) whose posts are
	// contributions of other units: each post is attributed to the unit that
	// sent it (byline, author, source line, title prefix). Default false.
	Portal bool `yaml:"portal"`
	// Aliases are other names the unit signs with on a portal ("THPT CVA",
	// "Văn phòng Sở"), matched like the name: without diacritics and case.
	Aliases []string `yaml:"aliases"`

	// Parsed is URL, parsed.
	Parsed *url.URL `yaml:"-"`
	// Line is where the unit starts in the file.
	Line int `yaml:"-"`
}

// Hints are per-unit crawl hints for sites that automatic discovery gets wrong.
type Hints struct {
	// Feeds are feed URLs to read (RSS, Atom or JSON Feed).
	Feeds []string `yaml:"feeds"`
	// Listings are listing pages to walk.
	Listings []string `yaml:"listings"`
	// Sitemaps are sitemap URLs to read.
	Sitemaps []string `yaml:"sitemaps"`
	// PostPattern is a regular expression a post URL must match.
	PostPattern string `yaml:"post_pattern"`
	// DateSelector is a CSS selector for the element carrying the publication date.
	DateSelector string `yaml:"date_selector"`
	// DateLayout is a Go time layout for the text of DateSelector.
	DateLayout string `yaml:"date_layout"`
	// SkipDiscovery uses only the hinted feeds, sitemaps and listings.
	SkipDiscovery bool `yaml:"skip_discovery"`

	PostRegexp *regexp.Regexp `yaml:"-"`
}

// IsEnabled reports whether the unit is crawled.
func (u *Unit) IsEnabled() bool { return (u.Enabled == nil || *u.Enabled) && !u.Retired }

// Duration is a time.Duration written as "250ms", "20s".
type Duration time.Duration

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		// A type error, so that decoding goes on and every problem is reported.
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %q is not a duration (write e.g. 250ms or 20s)", n.Line, n.Value)}}
	}
	*d = Duration(v)
	return nil
}

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// DelayD is the politeness delay (Delay, or its default when unset).
func (s Settings) DelayD() time.Duration {
	if s.Delay == nil {
		return DefaultDelay
	}
	return s.Delay.D()
}

// DefaultKinds are the kinds of the dispatch, used when the file defines none.
func DefaultKinds() (map[string]*Kind, []string) {
	return map[string]*Kind{
		"phong_gddt": {Name: "Phòng GD&ĐT", MonthlyQuota: 2, StaleAfterDays: 20, Required: DefaultRequirements(true)},
		"truc_thuoc": {Name: "Đơn vị trực thuộc", MonthlyQuota: 1, StaleAfterDays: 35, Required: DefaultRequirements(false)},
		"phong_so":   {Name: "Phòng thuộc Sở", MonthlyQuota: 0, StaleAfterDays: 30, Required: DefaultRequirements(true)},
	}, []string{"phong_gddt", "truc_thuoc", "phong_so"}
}

// DefaultRequirements is the content profile of Thông tư 37/2020/TT-BGDĐT Art. 9.
// Offices (Sở, Phòng) also need administrative procedures and online services.
func DefaultRequirements(office bool) []Requirement {
	r := []Requirement{
		{ID: "gioi_thieu", Label: "Giới thiệu", Synonyms: []string{"Giới thiệu", "Cơ cấu tổ chức", "Sơ đồ tổ chức", "Ban giám hiệu", "Lãnh đạo", "Lịch sử"}},
		{ID: "lien_he", Label: "Liên hệ, hỏi đáp", Synonyms: []string{"Liên hệ", "Hỏi đáp", "Hỏi - đáp"}},
		{ID: "tin_tuc", Label: "Tin tức, sự kiện", Synonyms: []string{"Tin tức", "Sự kiện", "Tin hoạt động", "Bản tin"}},
		{ID: "van_ban", Label: "Văn bản", Synonyms: []string{"Văn bản", "Văn bản chỉ đạo", "Công văn"}},
		{ID: "tuyen_sinh", Label: "Tuyển sinh", Synonyms: []string{"Tuyển sinh"}},
		{ID: "gop_y", Label: "Góp ý", Synonyms: []string{"Góp ý", "Ý kiến", "Hỏi đáp"}},
		{ID: "cong_khai", Label: "Công khai", Synonyms: []string{"Công khai", "Ba công khai", "3 công khai"}},
	}
	if office {
		r = append(r, Requirement{ID: "thu_tuc", Label: "Thủ tục hành chính", Synonyms: []string{"Thủ tục hành chính", "Dịch vụ công", "TTHC"}})
	}
	return r
}

// Problem is one validation problem with its place in the file.
type Problem struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Field, p.Msg)
}

// Load reads, decodes, defaults and validates a sites.yaml file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

var lineRe = regexp.MustCompile(`^line (\d+): (.*)$`)

// unmarshalRe reads yaml.v3's "cannot unmarshal !!str `bốn` into int".
var unmarshalRe = regexp.MustCompile("^cannot unmarshal (!!\\w+)(?: `(.*)`)? into (.+)$")

// typeWords names a Go type for the people who edit sites.yaml.
func typeWords(goType string) string {
	switch {
	case strings.HasPrefix(goType, "int") || strings.HasPrefix(goType, "uint"):
		return "a whole number"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "text"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	}
	return "a mapping of keys"
}

// valueWords describes the YAML value found instead.
func valueWords(tag, value string) string {
	switch tag {
	case "!!seq":
		return "a list"
	case "!!map":
		return "a mapping"
	}
	return strconv.Quote(value)
}

var fieldRe = regexp.MustCompile(`^field (\S+) not found`)

// Parse decodes data read from path. Every problem is reported, joined, each
// wrapping ErrInvalid.
func Parse(path string, data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxProblem(path, err)
	}
	cfg := &Config{Path: path}
	var probs []error
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				probs = append(probs, typeProblem(path, &root, e))
			}
		} else if err.Error() != "EOF" {
			return nil, syntaxProblem(path, err)
		}
	}
	cfg.Path = path
	v := validator{file: path, root: docNode(&root)}
	v.run(cfg)
	probs = append(probs, v.probs...)
	if len(probs) > 0 {
		// In file order, whichever pass found them.
		sort.SliceStable(probs, func(i, j int) bool { return lineOf(probs[i]) < lineOf(probs[j]) })
		return nil, errors.Join(probs...)
	}
	cfg.unitByID = make(map[string]*Unit, len(cfg.Units))
	for _, u := range cfg.Units {
		if cfg.unitByID[u.ID] == nil {
			cfg.unitByID[u.ID] = u
		}
	}
	return cfg, nil
}

// lineOf returns the line of a problem (0 when it has none).
func lineOf(err error) int {
	var p problemErr
	if errors.As(err, &p) {
		return p.Line
	}
	return 0
}

var syntaxLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxProblem reports a YAML syntax error as file:line: yaml syntax: msg.
func syntaxProblem(file string, err error) error {
	msg := err.Error()
	p := Problem{File: file, Line: 1, Field: "yaml syntax", Msg: strings.TrimPrefix(msg, "yaml: ")}
	if m := syntaxLineRe.FindStringSubmatch(msg); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Msg = m[2]
	}
	return wrapProblem(p)
}

func docNode(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return n
}

// typeProblem turns a yaml.v3 type error line into a Problem with the field path.
func typeProblem(file string, root *yaml.Node, msg string) error {
	m := lineRe.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("%s: %w: %s", file, ErrInvalid, msg)
	}
	var line int
	fmt.Sscanf(m[1], "%d", &line)
	text := m[2]
	want := ""
	if fm := fieldRe.FindStringSubmatch(text); fm != nil {
		want = fm[1]
	}
	field := fieldAtLine(docNode(root), line, "", want)
	if strings.Contains(text, "not found in type") {
		text = "unknown key (check the spelling; see the documented fields in sites.yaml)"
	} else if tm := unmarshalRe.FindStringSubmatch(text); tm != nil {
		text = "must be " + typeWords(tm[3]) + ", got " + valueWords(tm[1], tm[2])
	}
	return fmt.Errorf("%w", wrapProblem(Problem{File: file, Line: line, Field: field, Msg: text}))
}

type problemErr struct{ Problem }

func (p problemErr) Unwrap() error { return ErrInvalid }

func wrapProblem(p Problem) error { return problemErr{p} }

// fieldAtLine finds the dotted path of the key or item at line.
func fieldAtLine(n *yaml.Node, line int, prefix, want string) string {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			p := k.Value
			if prefix != "" {
				p = prefix + "." + k.Value
			}
			if k.Line == line && (want == "" || k.Value == want) {
				return p
			}
			if f := fieldAtLine(val, line, p, want); f != "" {
				return f
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", prefix, i)
			if c.Line == line && c.Kind == yaml.ScalarNode && want == "" {
				return p
			}
			if f := fieldAtLine(c, line, p, want); f != "" {
				return f
			}
		}
	}
	return ""
}
