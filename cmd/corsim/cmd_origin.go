package main

import (
	"encoding/json"
	"fmt"

	"github.com/corsim/corsim/origin"
)

const originUsage = `Usage: corsim origin [--json] URL [URL]

Prints the origin of URL as a browser serializes it (a URL or a serialized origin; "null" is an
opaque origin). With two URLs it also says whether their origins are same origin, same site and
schemelessly same site (HTML §same-origin, §same-site, §schemelessly-same-site), the questions that
decide CORS, cookies' SameSite and Sec-Fetch-Site.

Flags:
`

type originInfo struct {
	Input  string `json:"input"`
	Origin string `json:"origin"`
	Opaque bool   `json:"opaque"`
	// RegistrableDomain is "" when there is none (IP addresses, public suffixes).
	RegistrableDomain string `json:"registrable_domain,omitempty"`
}

type originReport struct {
	Origins              []originInfo `json:"origins"`
	SameOrigin           *bool        `json:"same_origin,omitempty"`
	SameSite             *bool        `json:"same_site,omitempty"`
	SchemelesslySameSite *bool        `json:"schemelessly_same_site,omitempty"`
}

func cmdOrigin(args []string, e env) int {
	fs := newCommand("origin", originUsage, e)
	asJSON := fs.Bool("json", false, "write the result as JSON")
	if status, ok := fs.parse(args); !ok {
		return status
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		return fs.usageError("want one or two URLs")
	}
	var rep originReport
	var parsed []origin.Origin
	for _, in := range fs.Args() {
		o, err := parseAnyOrigin(in)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return exitInput
		}
		parsed = append(parsed, o)
		rep.Origins = append(rep.Origins, originInfo{Input: in, Origin: o.String(), Opaque: o.IsOpaque(), RegistrableDomain: o.RegistrableDomain()})
	}
	if len(parsed) == 2 {
		so, ss, sss := origin.SameOrigin(parsed[0], parsed[1]), origin.SameSite(parsed[0], parsed[1]), origin.SchemelesslySameSite(parsed[0], parsed[1])
		rep.SameOrigin, rep.SameSite, rep.SchemelesslySameSite = &so, &ss, &sss
	}
	if *asJSON {
		b, _ := json.Marshal(rep) // plain strings and booleans cannot fail to marshal
		fmt.Fprintf(e.stdout, "%s\n", b)
		return exitOK
	}
	pal := palette{on: e.color}
	for _, o := range rep.Origins {
		site := ""
		if o.RegistrableDomain != "" {
			site = "  " + pal.dim("(site "+o.RegistrableDomain+")")
		} else if o.Opaque {
			site = "  " + pal.dim("(opaque)")
		}
		fmt.Fprintf(e.stdout, "%s → %s%s\n", o.Input, pal.bold(o.Origin), site)
	}
	if len(parsed) == 2 {
		yn := func(b bool) string {
			if b {
				return pal.green("yes")
			}
			return pal.red("no")
		}
		fmt.Fprintf(e.stdout, "same origin:            %s\n", yn(*rep.SameOrigin))
		fmt.Fprintf(e.stdout, "same site:              %s\n", yn(*rep.SameSite))
		fmt.Fprintf(e.stdout, "schemelessly same site: %s\n", yn(*rep.SchemelesslySameSite))
	}
	return exitOK
}

// parseAnyOrigin accepts a URL, or "null" for an opaque origin.
func parseAnyOrigin(s string) (origin.Origin, error) {
	if s == "null" {
		return origin.NewOpaque(), nil
	}
	return origin.Parse(s)
}
