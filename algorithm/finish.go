package algorithm

import (
	"strings"

	"github.com/corsim/corsim/fetchmode"
)

// finish turns main fetch's result into the verdict (Fetch §concept-main-fetch steps 14–22 and
// §dom-global-fetch step 12).
func (f *fetcher) finish(res *result) {
	if res.isNetworkError() {
		// Fetch §dom-global-fetch step 12.3: a network error rejects with a TypeError.
		f.v.Outcome = NetworkError
		f.v.ResponseType = TypeError
		f.v.Reason = res.failure.Reason
		f.v.FailedParameter = res.failure.Parameter
		f.v.Message = f.message(res.failure)
		// Chromium's DevTools report no failed parameter for some reasons (profile rule).
		for _, r := range f.rules.ruleEmptyParameter {
			if r == res.failure.Reason {
				f.v.FailedParameter = ""
			}
		}
		return
	}
	f.v.Outcome = OK
	cur := f.current()
	if res.opaqueRedirect {
		// Fetch §concept-filtered-response-opaque-redirect: status 0, no headers, no body; its URL is
		// the one that answered with the redirect.
		f.v.ResponseType = TypeOpaqueRedirect
		f.v.FinalURL = cur.StringNoFragment()
		f.step("fetch#concept-filtered-response-opaque-redirect", "redirect mode manual", "type opaqueredirect, status 0, nothing readable")
		return
	}
	// Fetch §concept-main-fetch step 14.2.
	flt := filterResponse(f.rules, f.tainting, f.creds == fetchmode.CredentialsInclude, res.status, res.headers)
	f.v.ResponseType = flt.Type
	f.v.Status = flt.Status
	f.v.VisibleHeaders = flt.VisibleHeaders
	f.v.BodyReadable = flt.BodyReadable
	if flt.Type != TypeOpaque {
		// Response.url is the last URL without its fragment; redirected is URL list size > 1.
		f.v.FinalURL = cur.StringNoFragment()
		f.v.Redirected = len(f.urls) > 1
	}
	if f.trace {
		f.step("fetch#concept-main-fetch step 14", "tainting "+f.tainting.String(),
			"response type "+string(flt.Type)+"; script reads headers ["+strings.Join(flt.VisibleHeaders, ", ")+"]")
	}
	if flt.Type == TypeCORS {
		f.varyWarning(res.headers)
	}
}

// varyWarning flags a response that allows one specific origin without Vary: Origin (Fetch
// §cors-protocol-and-http-caches).
func (f *fetcher) varyWarning(h fetchmode.HeaderList) {
	acao, _ := h.Get(hACAO)
	if acao == "*" || acao == "null" || acao == "" {
		return
	}
	for _, hd := range h {
		if !equalFold(hd.Name, hVary) {
			continue
		}
		// Vary is a #field-name list, or "*" (RFC 9110 §12.5.5).
		for rest := hd.Value; rest != ""; {
			var item string
			item, rest, _ = strings.Cut(rest, ",")
			item = strings.Trim(item, " \t")
			if equalFold(item, "origin") || item == "*" {
				return
			}
		}
	}
	f.warn(WarnVaryOriginMissing, "Access-Control-Allow-Origin names "+acao+
		" but the response has no Vary: Origin; a shared cache may serve it to another origin")
}
