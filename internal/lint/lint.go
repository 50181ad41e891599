package lint

import (
	"slices"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/origin"
)

// Config is what a lint judges exchanges against.
type Config struct {
	// Allowed are the serialized origins the server means to trust (such as a scenario's page
	// origin, or the --origin the user gave). Trust given to one of them is never a finding; trust
	// given to a look-alike of one of them is. The target's own origin is always allowed.
	Allowed []string
	// Profiles are the profiles to judge in; nil means every profile (algorithm.Profiles). A finding
	// that no browser behaviour decides (a shared cache, how the server routes OPTIONS) is reported
	// whatever the profiles.
	Profiles []algorithm.Profile
}

// Lint judges the exchanges and returns the findings, most severe first and, within a severity,
// in the order of Rules. A rule is reported once per URL, with the first exchange that shows it.
// Exchanges to one URL are judged together: whether Access-Control-Allow-Origin varies with the
// Origin, whether the preflight's answer matches the actual response's. Lint is a pure function
// of its arguments.
func Lint(xs []Exchange, cfg Config) []Finding {
	l := newLinter(cfg)
	var urls []string
	groups := map[string][]*Exchange{}
	for i := range xs {
		u := xs[i].Request.URL
		if _, ok := groups[u]; !ok {
			urls = append(urls, u)
		}
		groups[u] = append(groups[u], &xs[i])
	}
	for _, u := range urls {
		g := groups[u]
		l.checkTrust(g)
		for _, x := range g {
			l.checkResponse(x)
			if x.Request.Preflight() {
				l.checkPreflight(x)
			} else if x.Request.Method == "OPTIONS" {
				l.checkPlainOptions(x)
			}
		}
		l.checkPreflightOnly(g)
		l.checkVary(g)
	}
	slices.SortStableFunc(l.out, func(a, b Finding) int {
		if a.Severity != b.Severity {
			return int(a.Severity) - int(b.Severity)
		}
		return ruleIndex(a.ID) - ruleIndex(b.ID)
	})
	return l.out
}

type linter struct {
	profiles []algorithm.Profile
	allowed  map[string]bool
	refs     []origin.Origin // the allowed origins, parsed
	out      []Finding
	seen     map[[2]string]bool // (id, URL) reported
}

func newLinter(cfg Config) *linter {
	l := &linter{profiles: cfg.Profiles, allowed: map[string]bool{}, seen: map[[2]string]bool{}}
	if l.profiles == nil {
		l.profiles = algorithm.Profiles()
	}
	for _, a := range cfg.Allowed {
		if o, ok := parsePage(a); ok && !o.IsOpaque() {
			l.allowed[o.String()] = true
			l.refs = append(l.refs, o)
		} else {
			l.allowed[a] = true
		}
	}
	return l
}

// report records a finding of rule id shown by x. A finding that browser behaviour decides
// (browserBound) and that shows in none of the profiles judged is not reported.
func (l *linter) report(id string, x *Exchange, browserBound bool, browsers []algorithm.Profile, explanation string) {
	if browserBound && len(browsers) == 0 {
		return
	}
	k := [2]string{id, x.Request.URL}
	if l.seen[k] {
		return
	}
	l.seen[k] = true
	r := rule(id)
	l.out = append(l.out, Finding{
		ID: id, Severity: r.Severity, Title: r.Title, Explanation: explanation,
		Browsers: browsers, Fix: r.Fix, Evidence: evidenceOf(x),
	})
}

// target returns the origin of x's URL, the zero Origin when the URL does not parse.
func target(x *Exchange) origin.Origin {
	o, err := origin.Parse(x.Request.URL)
	if err != nil {
		return origin.Origin{}
	}
	return o
}
