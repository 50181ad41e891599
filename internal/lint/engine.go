package lint

import (
	"errors"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// The engine decides which browsers a finding affects: every question below is answered by running
// package algorithm, in each profile the lint judges, against the responses observed.

// parsePage parses a serialized origin as the origin of a page; "null" is a new opaque origin.
func parsePage(s string) (origin.Origin, bool) {
	if s == "null" {
		return origin.NewOpaque(), true
	}
	o, err := origin.ParseSerialized(s)
	return o, err == nil
}

var errNotObserved = errors.New("lint: no response was observed for this request")

// readers returns the profiles in which script on a page at page can read the response to x by
// fetch() with credentials mode creds: the engine sends its requests to the observed responses, x's
// for the request itself and pre's (nil: none observed) for a preflight.
func (l *linter) readers(page string, x, pre *Exchange, creds fetchmode.Credentials) []algorithm.Profile {
	o, ok := parsePage(page)
	if !ok {
		return nil
	}
	method := x.Request.Method
	if !fetchmode.IsCORSSafelistedMethod(method) {
		method = "GET"
	}
	req := algorithm.Request{Origin: o, URL: x.Request.URL, Method: method, Credentials: creds}
	r := algorithm.ResponderFunc(func(s algorithm.SentRequest) (algorithm.Response, error) {
		if s.Preflight {
			if pre == nil {
				return algorithm.Response{}, errNotObserved
			}
			return pre.Response, nil
		}
		if s.URL != x.Request.URL {
			return algorithm.Response{}, errNotObserved
		}
		return x.Response, nil
	})
	var out []algorithm.Profile
	for _, p := range l.profiles {
		v := algorithm.Fetch(req, r, algorithm.Options{Profile: p})
		if v.Outcome == algorithm.OK && v.ResponseType == algorithm.TypeCORS {
			out = append(out, p)
		}
	}
	return out
}

// verdict is one profile's answer to a check.
type verdict struct {
	p algorithm.Profile
	f algorithm.Failure
	r algorithm.PreflightResult
}

// corsCheck runs the CORS check on h for a request from serializedOrigin in every profile.
func (l *linter) corsCheck(serializedOrigin string, creds fetchmode.Credentials, h fetchmode.HeaderList) []verdict {
	out := make([]verdict, len(l.profiles))
	for i, p := range l.profiles {
		out[i] = verdict{p: p, f: algorithm.CORSCheck(p, serializedOrigin, creds, h)}
	}
	return out
}

// validate validates resp as the preflight response for c in every profile.
func (l *linter) validate(c algorithm.PreflightCheck, resp algorithm.Response) []verdict {
	out := make([]verdict, len(l.profiles))
	for i, p := range l.profiles {
		r, f := algorithm.ValidatePreflight(p, c, resp)
		out[i] = verdict{p: p, f: f, r: r}
	}
	return out
}

// profilesWhere returns the profiles of vs for which keep holds.
func profilesWhere(vs []verdict, keep func(verdict) bool) []algorithm.Profile {
	var out []algorithm.Profile
	for _, v := range vs {
		if keep(v) {
			out = append(out, v.p)
		}
	}
	return out
}

func passed(v verdict) bool { return v.f.OK() }
func failed(v verdict) bool { return !v.f.OK() }

// reasons says why the failing profiles failed, grouped by reason:
// "AllowOriginMismatch in spec, firefox; MultipleAllowOriginValues in chromium, webkit".
func reasons(vs []verdict) string {
	var order []algorithm.Reason
	by := map[algorithm.Reason][]algorithm.Profile{}
	for _, v := range vs {
		if v.f.OK() {
			continue
		}
		if _, ok := by[v.f.Reason]; !ok {
			order = append(order, v.f.Reason)
		}
		by[v.f.Reason] = append(by[v.f.Reason], v.p)
	}
	parts := make([]string, len(order))
	for i, r := range order {
		parts[i] = string(r) + " in " + names(by[r])
	}
	return strings.Join(parts, "; ")
}

// names joins profile names: "spec, chromium"; "no profile" for none.
func names(ps []algorithm.Profile) string {
	if len(ps) == 0 {
		return "no profile"
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}
