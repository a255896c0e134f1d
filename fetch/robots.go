package fetch

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// Robots is a parsed robots.txt (RFC 9309): groups of rules, each for one
// or more user agents.
type Robots struct {
	groups []robotsGroup
}

type robotsGroup struct {
	agents     []string // lower case product tokens, "*" for any
	rules      []robotsRule
	crawlDelay time.Duration
}

type robotsRule struct {
	allow   bool
	pattern string
}

// Limits that keep a hostile robots.txt cheap to parse and match.
const (
	maxRobotsBytes   = 512 << 10
	maxRobotsPattern = 2048
	maxRobotsRules   = 10000
)

// ParseRobots parses a robots.txt body. It never fails: lines it does not
// understand are skipped, as the RFC asks, and only the first 512 KiB are
// read.
func ParseRobots(data []byte) *Robots {
	if len(data) > maxRobotsBytes {
		data = data[:maxRobotsBytes]
	}
	r := &Robots{}
	var cur *robotsGroup
	inRules := false // a rule was seen since the last user-agent line
	rules := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxRobotsBytes)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if cur == nil || inRules {
				r.groups = append(r.groups, robotsGroup{})
				cur = &r.groups[len(r.groups)-1]
				inRules = false
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
		case "allow", "disallow":
			if cur == nil {
				continue
			}
			inRules = true
			if val == "" || rules >= maxRobotsRules {
				continue // an empty Disallow allows everything
			}
			if len(val) > maxRobotsPattern {
				val = val[:maxRobotsPattern]
			}
			rules++
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
		case "crawl-delay":
			if cur == nil {
				continue
			}
			inRules = true
			if s, err := strconv.ParseFloat(val, 64); err == nil && s > 0 && s < 86400 {
				cur.crawlDelay = time.Duration(s * float64(time.Second))
			}
		}
	}
	return r
}

// match returns the groups that apply to agent (a product token such as
// "detente"): those naming it, else those for "*".
func (r *Robots) match(agent string) []*robotsGroup {
	agent = strings.ToLower(agent)
	var named, any []*robotsGroup
	for i := range r.groups {
		g := &r.groups[i]
		for _, a := range g.agents {
			switch {
			case a == agent:
				named = append(named, g)
			case a == "*":
				any = append(any, g)
			default:
				continue
			}
			break
		}
	}
	if len(named) > 0 {
		return named
	}
	return any
}

// Allowed reports whether agent may fetch path (the URL's path and query,
// percent-encoded as sent). The most specific (longest) matching rule
// wins; between an Allow and a Disallow of equal length, Allow wins.
func (r *Robots) Allowed(agent, path string) bool {
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, g := range r.match(agent) {
		for _, rule := range g.rules {
			if !matchPattern(rule.pattern, path) {
				continue
			}
			n := len(rule.pattern)
			if n > best || (n == best && rule.allow) {
				best, allow = n, rule.allow
			}
		}
	}
	return allow
}

// CrawlDelay is the longest Crawl-delay of the groups that apply to agent.
func (r *Robots) CrawlDelay(agent string) time.Duration {
	var d time.Duration
	for _, g := range r.match(agent) {
		d = max(d, g.crawlDelay)
	}
	return d
}

// matchPattern matches a robots path pattern against path: a prefix match
// where "*" stands for any run of characters and a final "$" anchors the
// end. Greedy matching with backtracking to the last star keeps it
// O(len(pattern)×len(path)) at worst.
func matchPattern(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	p, s := 0, 0
	star, mark := -1, 0
	for s < len(path) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, s
			p++
		case p < len(pattern) && pattern[p] == path[s]:
			p++
			s++
		case p == len(pattern) && !anchored:
			return true
		case star >= 0:
			p = star + 1
			mark++
			s = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
