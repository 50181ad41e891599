package spec_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/scenario"
)

// Probes: each returns a short string that summarises what a profile did.

func probeNeeds(req algorithm.Request) func(algorithm.Profile) string {
	return func(p algorithm.Profile) string {
		req.Origin = page
		if algorithm.NeedsPreflight(req, algorithm.Options{Profile: p}) {
			return "preflight"
		}
		return "none"
	}
}

func probeCheck(origin string, cred fetchmode.Credentials, hs fetchmode.HeaderList) func(algorithm.Profile) string {
	return func(p algorithm.Profile) string {
		if f := algorithm.CORSCheck(p, origin, cred, hs); !f.OK() {
			return string(f.Reason)
		}
		return "ok"
	}
}

func probeValidate(c algorithm.PreflightCheck, r algorithm.Response) func(algorithm.Profile) string {
	return func(p algorithm.Profile) string {
		if _, f := algorithm.ValidatePreflight(p, c, r); !f.OK() {
			return string(f.Reason)
		}
		return "ok"
	}
}

// probeFetch runs one fetch and summarises it with sum.
func probeFetch(t *testing.T, req algorithm.Request, routes map[string]scenario.Route, sum func(algorithm.Verdict) string) func(algorithm.Profile) string {
	return func(p algorithm.Profile) string {
		req.Origin = page
		return sum(fetch(t, p, req, routes))
	}
}

func sumOutcome(v algorithm.Verdict) string {
	if v.Outcome == algorithm.OK {
		return "ok"
	}
	return string(v.Reason)
}

func sumWarn(v algorithm.Verdict) string {
	if v.Outcome != algorithm.OK {
		return "fail"
	}
	for _, w := range v.Warnings {
		if w.ID == algorithm.WarnAuthorizationCoveredByWildcard {
			return "warn"
		}
	}
	return "silent"
}

func sumPreflights(v algorithm.Verdict) string { return strings.Repeat("P", preflightsSent(v)) }

func sumLastMethod(v algorithm.Verdict) string {
	if len(v.ServerSaw) == 0 {
		return "-"
	}
	return v.ServerSaw[len(v.ServerSaw)-1].Method
}

// sumPreflightTo reports the Origin and ACRH of the preflight sent to url, or "none".
func sumPreflightTo(url string) func(algorithm.Verdict) string {
	return func(v algorithm.Verdict) string {
		for _, s := range v.ServerSaw {
			if s.Preflight && s.URL == url {
				o, _ := header(s, "Origin")
				acrh, _ := header(s, "Access-Control-Request-Headers")
				return o + " " + acrh
			}
		}
		return "none"
	}
}
