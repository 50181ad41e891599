package algorithm

import (
	"slices"
	"strings"

	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/ascii"
)

// finish turns main fetch's result into the verdict (Fetch §concept-main-fetch steps 14–22 and
// §dom-global-fetch step 12).
func (f *fetcher) finish(res *result) {
	if res.isNetworkError() {
		// Fetch §dom-global-fetch step 12.3: a network error rejects with a TypeError.
		f.v.Outcome = NetworkError
		f.reject(res.failure)
		return
	}
	f.v.Outcome = OK
	cur := f.current()
	if res.opaqueRedirect {
		// Fetch §concept-filtered-response-opaque-redirect: status 0, no headers, no body; its URL is
		// the one that answered with the redirect.
		f.v.ResponseType = TypeOpaqueRedirect
		f.v.FinalURL = f.req.href(cur)
		f.step("fetch#concept-filtered-response-opaque-redirect", "redirect mode manual", "type opaqueredirect, status 0, nothing readable")
		return
	}
	// Fetch §concept-main-fetch step 14.2.
	flt := filterResponse(f.rules, f.req.tainting, f.req.creds == fetchmode.CredentialsInclude, res.status, res.headers,
		f.store.visible[:0:len(f.store.visible)])
	f.v.ResponseType = flt.Type
	f.v.Status = flt.Status
	f.v.VisibleHeaders = flt.VisibleHeaders
	f.v.BodyReadable = flt.BodyReadable
	if flt.Type != TypeOpaque {
		// Response.url is the last URL without its fragment; redirected is URL list size > 1.
		f.v.FinalURL = f.req.href(cur)
		f.v.Redirected = len(f.req.urls) > 1
	}
	if f.trace {
		f.step("fetch#concept-main-fetch step 14", "tainting "+f.req.tainting.String(),
			"response type "+string(flt.Type)+"; script reads headers ["+strings.Join(flt.VisibleHeaders, ", ")+"]")
	}
	if flt.Type == TypeCORS {
		f.varyWarning(res.headers)
	}
}

// reject records a failed fetch: its reason, the failed parameter as the profile's DevTools report
// it, and the console message made from the failure report.
func (f *fetcher) reject(fl Failure) {
	f.v.ResponseType = TypeError
	f.v.Reason = fl.Reason
	if slices.Contains(f.rules.ruleEmptyParameter, fl.Reason) {
		// The browser's DevTools report no failed parameter for this reason (profile rule).
		fl.Parameter = ""
	}
	f.v.FailedParameter = fl.Parameter
	rep := &f.rep
	rep.failure = fl
	rep.origin = f.req.serOrigin
	rep.method = f.req.method
	rep.mode = f.req.mode
	rep.credentials = f.req.creds
	if len(f.req.urls) > 0 {
		rep.firstURL = f.req.href(f.req.urls[0])
		rep.scheme = f.current().Scheme()
	}
	f.v.Message = message(f.rules, rep)
}

// varyWarning flags a response that allows one specific origin without Vary: Origin (Fetch
// §cors-protocol-and-http-caches).
func (f *fetcher) varyWarning(h fetchmode.HeaderList) {
	acao, _ := h.Get(hACAO)
	if acao == "*" || acao == "null" || acao == "" {
		return
	}
	for _, hd := range h {
		if !ascii.EqualFold(hd.Name, hVary) {
			continue
		}
		// Vary is a #field-name list, or "*" (RFC 9110 §12.5.5).
		for rest := hd.Value; rest != ""; {
			var item string
			item, rest, _ = strings.Cut(rest, ",")
			item = strings.Trim(item, " \t")
			if ascii.EqualFold(item, "origin") || item == "*" {
				return
			}
		}
	}
	f.warn(WarnVaryOriginMissing, "Access-Control-Allow-Origin names "+acao+
		" but the response has no Vary: Origin; a shared cache may serve it to another origin")
}
