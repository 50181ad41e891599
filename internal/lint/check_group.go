package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/corsim/corsim/fetchmode"
)

// checkPreflightOnly pairs each preflight that allows its origin with a later request from the same
// origin to the same URL: when that response has no Access-Control-Allow-Origin at all, the CORS
// headers were put on OPTIONS only, and the fetch fails after its request did its work.
func (l *linter) checkPreflightOnly(g []*Exchange) {
	for _, p := range g {
		if !p.Request.Preflight() {
			continue
		}
		o := p.Request.Origin()
		creds := fetchmode.CredentialsOmit
		if credentialsTrue(p.Response.Headers) {
			creds = fetchmode.CredentialsInclude
		}
		allows := profilesWhere(l.corsCheck(o, creds, p.Response.Headers), passed)
		if o == "" || len(allows) == 0 {
			continue
		}
		for _, a := range g {
			if a.Request.Method == "OPTIONS" || a.Request.Origin() != o {
				continue
			}
			if a.Response.Headers.Contains(hACAO) {
				break
			}
			vs := l.corsCheck(o, creds, a.Response.Headers)
			bad := profilesWhere(vs, func(v verdict) bool { return failed(v) && slices.Contains(allows, v.p) })
			l.report(IDACAOPreflightOnly, a, true, bad, fmt.Sprintf(
				"The preflight allowed %s, but the %s that followed got no Access-Control-Allow-Origin: the browser "+
					"sent the request (its side effects happened) and then refused the response to script (%s).",
				o, a.Request.Method, reasons(vs)))
			break
		}
	}
}

// checkVary finds responses of one URL whose Access-Control-Allow-Origin depends on the request's
// Origin without Vary: Origin (Fetch §cors-protocol-and-http-caches). With requests from several
// origins the dependence is seen; with one origin, an echo of it is taken for one, as the engine's
// VaryOriginMissing warning does.
func (l *linter) checkVary(g []*Exchange) {
	var acts []*Exchange
	answer := map[string]string{} // Origin → the Access-Control-Allow-Origin it got
	var origins []string
	for _, x := range g {
		o := x.Request.Origin()
		if x.Request.Method == "OPTIONS" || o == "" {
			continue
		}
		acts = append(acts, x)
		if _, ok := answer[o]; !ok {
			origins = append(origins, o)
			answer[o] = strings.Join(x.Response.Headers.Values(hACAO), ", ")
		}
	}
	if len(acts) == 0 {
		return
	}
	var seen []string
	for _, o := range origins {
		if !slices.Contains(seen, answer[o]) {
			seen = append(seen, answer[o])
		}
	}
	varies := len(seen) > 1
	if len(origins) == 1 {
		a := answer[origins[0]]
		varies = a == origins[0] && a != "*"
	}
	if !varies {
		return
	}
	for _, x := range acts {
		if varyCoversOrigin(x.Response.Headers) {
			continue
		}
		var how string
		if len(origins) == 1 {
			how = "it echoes the request's Origin, " + origins[0]
		} else {
			var parts []string
			for i, o := range origins {
				if i == 4 {
					parts = append(parts, fmt.Sprintf("and %d more", len(origins)-i))
					break
				}
				parts = append(parts, o+" → "+orNone(answer[o]))
			}
			how = "it differs from one Origin to another (" + strings.Join(parts, "; ") + ")"
		}
		l.report(IDVaryOriginMissing, x, false, l.profiles, fmt.Sprintf(
			"Access-Control-Allow-Origin depends on the Origin: %s. This response (to Origin %s) has no Vary: "+
				"Origin, so a shared cache, or the browser's own, may serve it to a request from another origin, "+
				"which then fails, or reads what it should not.", how, x.Request.Origin()))
		return
	}
}
