package fuzz

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/internal/fetchoracle"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// This file fuzzes the whole simulated fetch (FuzzFetch) and the two checks every CORS verdict rests
// on (FuzzCORSCheck, FuzzValidatePreflight). Every identifier here starts with fx.

// The vocabularies the fuzz input indexes into; an index past the end reads a raw string instead.
var (
	fxPages    = []string{"https://app.example", "https://app.example:8443", "http://localhost:3000", "null", "https://sub.app.example"}
	fxURLs     = []string{"https://api.example/r", "https://app.example/r", "https://api.example:8443/r?q", "http://localhost:3000/r", "https://other.example/x", "data:,x", "about:blank", "https://api.example:6000/", "/rel"}
	fxMethods  = []string{"GET", "POST", "PUT", "DELETE", "patch", "HEAD", "OPTIONS", "CHICKEN", "TRACE", "*"}
	fxReqNames = []string{"Accept", "Accept-Language", "Content-Language", "Content-Type", "Range", "X-A", "Authorization", "User-Agent", "DPR", "Cookie"}
	fxRspNames = []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age", "Location", "Set-Cookie", "Content-Type", "X-Secret"}
	fxValues   = []string{"*", "null", "true", "https://app.example", "https://app.example:8443", "PUT", "x-a", "600", "https://api.example/s", "https://other.example/x", "/s", "text/plain", "application/json", "bytes=0-", "http://localhost:3000"}
)

// fxResp is a server answer in a fuzz input.
type fxResp struct {
	status  int
	headers [][2]string
}

// fxInput is what FuzzFetch decodes its bytes into: a fetch() call in a page, and the server's three
// answers (to the preflight, to the first request, and to every later request such as a redirect hop).
type fxInput struct {
	profile, cred, mode, redirect, body byte
	page, url, method                   string
	headers                             [][2]string
	pre, act, next                      fxResp
}

// fxReader reads a fuzz input; past the end it reads zeros.
type fxReader struct{ b []byte }

func (r *fxReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *fxReader) str() string {
	n := int(r.byte())
	if n > len(r.b) {
		n = len(r.b)
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *fxReader) pick(list []string) string {
	if i := int(r.byte()); i < len(list) {
		return list[i]
	}
	return r.str()
}

func (r *fxReader) pairs(names []string) [][2]string {
	n := int(r.byte() % 8)
	out := make([][2]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, [2]string{r.pick(names), r.pick(fxValues)})
	}
	return out
}

func (r *fxReader) resp() fxResp {
	hi, lo := r.byte(), r.byte()
	return fxResp{status: (int(hi)<<8 | int(lo)) % 1000, headers: r.pairs(fxRspNames)}
}

func fxDecode(b []byte) fxInput {
	r := &fxReader{b: b}
	in := fxInput{profile: r.byte(), cred: r.byte(), mode: r.byte(), redirect: r.byte(), body: r.byte()}
	in.page = r.pick(fxPages)
	in.url = r.pick(fxURLs)
	in.method = r.pick(fxMethods)
	in.headers = r.pairs(fxReqNames)
	in.pre, in.act, in.next = r.resp(), r.resp(), r.resp()
	return in
}

// fxEncoder writes the bytes fxDecode reads, for seeds.
type fxEncoder struct{ b []byte }

func (e *fxEncoder) byte(c byte) { e.b = append(e.b, c) }
func (e *fxEncoder) str(s string) {
	if len(s) > 255 {
		s = s[:255]
	}
	e.b = append(append(e.b, byte(len(s))), s...)
}
func (e *fxEncoder) pick(list []string, s string) {
	for i, v := range list {
		if v == s {
			e.byte(byte(i))
			return
		}
	}
	e.byte(255)
	e.str(s)
}
func (e *fxEncoder) pairs(names []string, ps [][2]string) {
	e.byte(byte(len(ps)))
	for _, p := range ps {
		e.pick(names, p[0])
		e.pick(fxValues, p[1])
	}
}
func (e *fxEncoder) resp(r fxResp) {
	e.byte(byte(r.status >> 8))
	e.byte(byte(r.status))
	e.pairs(fxRspNames, r.headers)
}

func fxEncode(in fxInput) []byte {
	e := &fxEncoder{}
	for _, c := range []byte{in.profile, in.cred, in.mode, in.redirect, in.body} {
		e.byte(c)
	}
	e.pick(fxPages, in.page)
	e.pick(fxURLs, in.url)
	e.pick(fxMethods, in.method)
	e.pairs(fxReqNames, in.headers)
	e.resp(in.pre)
	e.resp(in.act)
	e.resp(in.next)
	return e.b
}

func fxHeaders(ps [][2]string) fetchmode.HeaderList {
	l := make(fetchmode.HeaderList, 0, len(ps))
	for _, p := range ps {
		l = append(l, fetchmode.Header{Name: p[0], Value: p[1]})
	}
	return l
}

// fxPair is one header, for seeds.
func fxPair(kv ...string) [][2]string {
	var out [][2]string
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, [2]string{kv[i], kv[i+1]})
	}
	return out
}

// fxSeeds are FuzzFetch's seed corpus, taken from the spec_test tables.
var fxSeeds = []fxInput{
	// A simple cross-origin GET allowed by "*" (cors_check_test "omit star no acac").
	{url: "https://api.example/r", page: "https://app.example", method: "GET", act: fxResp{200, fxPair("Access-Control-Allow-Origin", "*", "X-Secret", "1")}},
	// A credentialed GET answered with "*": blocked (cors_check_test "include star acac true").
	{cred: 1, url: "https://api.example/r", page: "https://app.example", method: "GET", act: fxResp{200, fxPair("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true")}},
	// A credentialed PUT with a passing preflight (credentials_test "preflight include exact and true").
	{cred: 1, url: "https://api.example/r", page: "https://app.example", method: "PUT", pre: fxResp{204, fxPair("Access-Control-Allow-Origin", "https://app.example", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT")}, act: fxResp{200, fxPair("Access-Control-Allow-Origin", "https://app.example", "Access-Control-Allow-Credentials", "true")}},
	// Allow-Methods "*" under credentials is literal (Fetch §cors-preflight-fetch-0 step 7.5;
	// credentials_test "acam star not honoured with credentials").
	{cred: 1, url: "https://api.example/r", page: "https://app.example", method: "PUT", pre: fxResp{204, fxPair("Access-Control-Allow-Origin", "https://app.example", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "*")}},
	// Authorization under Allow-Headers "*" (profiles_test "authorization under star").
	{url: "https://api.example/r", page: "https://app.example", method: "GET", headers: fxPair("Authorization", "x-a"), pre: fxResp{204, fxPair("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*")}, act: fxResp{200, fxPair("Access-Control-Allow-Origin", "*")}},
	// A preflight answered with a redirect (redirects_test "preflight answered with redirect").
	{url: "https://api.example/r", page: "https://app.example", method: "DELETE", pre: fxResp{302, fxPair("Location", "/s", "Access-Control-Allow-Origin", "*")}},
	// A redirect to another origin whose answer needs ACAO null (redirects_test "B to C acao null").
	{url: "https://api.example/r", page: "https://app.example", method: "GET", act: fxResp{302, fxPair("Location", "https://other.example/x", "Access-Control-Allow-Origin", "https://app.example")}, next: fxResp{200, fxPair("Access-Control-Allow-Origin", "null")}},
	// A redirect loop: 20 hops then an error (redirects_test "twenty-one redirects").
	{url: "https://api.example/r", page: "https://app.example", method: "GET", act: fxResp{307, fxPair("Location", "/s", "Access-Control-Allow-Origin", "*")}, next: fxResp{307, fxPair("Location", "/s", "Access-Control-Allow-Origin", "*")}},
	// Expose-Headers "*" without credentials (filtering_test "cors star without credentials").
	{url: "https://api.example/r", page: "https://app.example", method: "GET", act: fxResp{200, fxPair("Access-Control-Allow-Origin", "*", "Access-Control-Expose-Headers", "*", "Set-Cookie", "x-a", "X-Secret", "1")}},
	// An opaque page: Origin null (classification_test "opaque page origin null").
	{url: "https://api.example/r", page: "null", method: "GET", act: fxResp{200, fxPair("Access-Control-Allow-Origin", "null")}},
	// no-cors with a manual redirect mode (redirects_test "no-cors manual").
	{mode: 1, redirect: 2, url: "https://api.example/r", page: "https://app.example", method: "GET", act: fxResp{200, nil}},
	// A stream body forces a preflight without Allow-Methods (preflight_validation_test "forced no acam").
	{body: 2, url: "https://api.example/r", page: "https://app.example", method: "POST", pre: fxResp{204, fxPair("Access-Control-Allow-Origin", "https://app.example")}, act: fxResp{200, fxPair("Access-Control-Allow-Origin", "https://app.example")}},
	// Duplicate ACAO lines (cors_check_test "own origin twice two lines").
	{profile: 1, url: "https://api.example/r", page: "https://app.example", method: "GET", act: fxResp{200, fxPair("Access-Control-Allow-Origin", "https://app.example", "Access-Control-Allow-Origin", "https://app.example")}},
	// A bad port (classification_test "bad port 6000").
	{url: "https://api.example:6000/", page: "https://app.example", method: "GET"},
	// A forbidden method (classification_test "forbidden method TRACE").
	{url: "https://api.example/r", page: "https://app.example", method: "TRACE"},
	// Raw bytes where names and values go: invalid header name and control bytes.
	{profile: 3, url: "https://api.example/r", page: "https://app.example", method: "G\x00T", headers: fxPair("X A", "\x01\xff"), act: fxResp{200, fxPair("Access-Control-Allow-Origin", "*\x00")}},
}

// FuzzFetch runs the whole simulated fetch over arbitrary requests and server answers. It must never
// panic, and every verdict keeps the invariants: (a) a readable CORS response had ACAO equal to the
// Origin the browser sent or "*" (never "*" with credentials include); (b) a readable credentialed
// CORS response had ACAC exactly "true"; (c) a preflight that fails validation is the last request
// sent, and ActualSent says whether an actual request reached the server; (d) visible headers are
// in the final response, never Set-Cookie, and for CORS responses safelisted or exposed.
func FuzzFetch(f *testing.F) {
	for _, s := range fxSeeds {
		f.Add(fxEncode(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fxDecode(data)
		p := algorithm.Profiles()[int(in.profile)%len(algorithm.Profiles())]
		req := algorithm.Request{
			URL:         in.url,
			Method:      in.method,
			Headers:     fxHeaders(in.headers),
			Credentials: fetchmode.Credentials(in.cred % 3),
			Mode:        fetchmode.Mode(in.mode % 3),
			Redirect:    fetchmode.Redirect(in.redirect % 3),
		}
		if in.page == "null" {
			req.Origin, req.TopLevel = origin.NewOpaque(), origin.MustParse("https://top.example")
		} else if o, err := origin.ParseSerialized(in.page); err == nil {
			req.Origin = o
		} else {
			req.Origin = origin.MustParse("https://app.example")
		}
		switch in.body % 3 {
		case 1:
			req.Body = new(string)
		case 2:
			req.StreamBody = true
		}
		pre := algorithm.Response{Status: in.pre.status, Headers: fxHeaders(in.pre.headers)}
		type exchange struct {
			req  algorithm.SentRequest
			resp algorithm.Response
		}
		var log []exchange
		actuals := 0
		r := algorithm.ResponderFunc(func(s algorithm.SentRequest) (algorithm.Response, error) {
			resp := pre
			if !s.Preflight {
				resp = algorithm.Response{Status: in.next.status, Headers: fxHeaders(in.next.headers), Body: "b"}
				if actuals == 0 {
					resp = algorithm.Response{Status: in.act.status, Headers: fxHeaders(in.act.headers), Body: "b"}
				}
				actuals++
			}
			log = append(log, exchange{s, resp})
			return resp, nil
		})
		v := algorithm.Fetch(req, r, algorithm.Options{Profile: p})
		// The verdict's scenario form reads back. (Not byte for byte: invalid UTF-8 is written as
		// \ufffd, which reads back as U+FFFD.)
		b, err := scenario.AppendVerdict(nil, &v)
		if err != nil {
			t.Fatalf("verdict does not encode: %v", err)
		}
		back, err := scenario.ParseVerdict(b)
		if err != nil || back.Outcome != v.Outcome || back.Status != v.Status || back.Reason != v.Reason ||
			len(back.ServerSaw) != len(v.ServerSaw) || len(back.Preflights) != len(v.Preflights) {
			t.Fatalf("verdict %s reads back as %+v, %v", b, back, err)
		}
		if len(log) != len(v.ServerSaw) {
			t.Fatalf("server got %d requests, verdict lists %d", len(log), len(v.ServerSaw))
		}
		if v.Outcome == algorithm.JSError && len(log) > 0 {
			t.Fatalf("js-error but %d requests sent", len(log))
		}
		// (c)
		sentActual := false
		for i, x := range log {
			if !x.req.Preflight {
				sentActual = true
				continue
			}
			if x.req.Credentials {
				t.Fatalf("a preflight carried credentials")
			}
			acrm, _ := x.req.Headers.Get("Access-Control-Request-Method")
			o, _ := x.req.Headers.Get("Origin")
			var names []string
			if acrh, ok := x.req.Headers.Get("Access-Control-Request-Headers"); ok {
				names = strings.Split(acrh, ",")
			}
			check := algorithm.PreflightCheck{Origin: o, Method: acrm, Headers: names, Credentials: req.Credentials, Forced: req.StreamBody}
			if _, fl := algorithm.ValidatePreflight(p, check, x.resp); !fl.OK() && (i != len(log)-1 || v.Outcome == algorithm.OK) {
				t.Fatalf("preflight %d failed (%s) but the fetch went on: outcome %s, %d requests", i, fl.Reason, v.Outcome, len(log))
			}
		}
		if v.ActualSent != sentActual {
			t.Fatalf("ActualSent = %v, server saw an actual request: %v", v.ActualSent, sentActual)
		}
		if v.Outcome != algorithm.OK {
			if v.BodyReadable || len(v.VisibleHeaders) > 0 || v.Status != 0 {
				t.Fatalf("failed fetch exposes status %d, headers %q, body %v", v.Status, v.VisibleHeaders, v.BodyReadable)
			}
			return
		}
		var final *exchange
		for i := len(log) - 1; i >= 0; i-- {
			if !log[i].req.Preflight {
				final = &log[i]
				break
			}
		}
		if v.ResponseType == algorithm.TypeCORS {
			if final == nil {
				t.Fatalf("cors response with no request sent")
			}
			// (a)
			acao, ok := final.resp.Headers.Get("Access-Control-Allow-Origin")
			sent, _ := final.req.Headers.Get("Origin")
			if !ok || (acao != sent && acao != "*") || (acao == "*" && req.Credentials == fetchmode.CredentialsInclude) {
				t.Fatalf("readable with ACAO %q (present %v) for Origin %q, credentials %v", acao, ok, sent, req.Credentials)
			}
			// (b)
			if acac, _ := final.resp.Headers.Get("Access-Control-Allow-Credentials"); req.Credentials == fetchmode.CredentialsInclude && acac != "true" {
				t.Fatalf("credentialed response readable with ACAC %q", acac)
			}
		}
		// (d)
		for _, n := range v.VisibleHeaders {
			if n == "set-cookie" || n == "set-cookie2" {
				t.Fatalf("%s is visible", n)
			}
			if final == nil {
				continue // a data: URL: no server answered
			}
			if !final.resp.Headers.Contains(n) {
				t.Fatalf("visible %q is not in the final response", n)
			}
			switch v.ResponseType {
			case algorithm.TypeOpaque, algorithm.TypeOpaqueRedirect:
				t.Fatalf("%s response shows %q", v.ResponseType, n)
			case algorithm.TypeCORS:
				exposed, star, parsed := fetchoracle.ExposedNames(final.resp.Headers)
				if !fetchoracle.IsSafelistedResponseName(n) && !(parsed && exposed[n]) && !(parsed && star && req.Credentials != fetchmode.CredentialsInclude) && !(p == algorithm.WebKit && n == "accept") {
					t.Fatalf("cors response shows %q", n)
				}
			}
		}
	})
}

// fxCORSCheckOracle is Fetch §concept-cors-check written again from its steps, on the joined values.
func fxCORSCheckOracle(serialized string, cred fetchmode.Credentials, acao string, hasACAO bool, acac string) bool {
	if !hasACAO { // step 2
		return false
	}
	if cred != fetchmode.CredentialsInclude && acao == "*" { // step 3
		return true
	}
	if serialized != acao { // step 4
		return false
	}
	if cred != fetchmode.CredentialsInclude { // step 5
		return true
	}
	return acac == "true" // steps 6–8
}

// FuzzCORSCheck compares algorithm.CORSCheck in every profile with the standard's steps: all four
// agree on pass or fail (docs/profiles.md: every engine compares byte for byte), and a failure names
// a reason.
func FuzzCORSCheck(f *testing.F) {
	// Seeds from spec_test/cors_check_test.go.
	f.Add("https://rabbit.invalid", byte(2), "*", byte(1), "", byte(0))                          // omit, "*": pass
	f.Add("https://rabbit.invalid", byte(1), "*", byte(1), "true", byte(1))                      // include, "*": fail
	f.Add("https://rabbit.invalid", byte(1), "https://rabbit.invalid", byte(1), "True", byte(1)) // ACAC True: fail
	f.Add("https://rabbit.invalid", byte(2), "https://rabbit.invalid/", byte(1), "", byte(0))    // trailing slash
	f.Add("null", byte(0), "null", byte(1), "", byte(0))                                         // opaque origin, ACAO null
	f.Add("https://rabbit.invalid", byte(0), "https://rabbit.invalid", byte(2), "", byte(0))     // two identical lines
	f.Add("https://rabbit.invalid", byte(1), "https://rabbit.invalid", byte(1), "true", byte(2)) // two ACAC lines
	f.Add("", byte(0), "", byte(0), "", byte(0))                                                 // nothing at all
	f.Add("https://a", byte(2), "https://a, https://a", byte(1), "\xff", byte(1))                // comma list, invalid UTF-8
	f.Fuzz(func(t *testing.T, serialized string, credB byte, acao string, acaoLines byte, acac string, acacLines byte) {
		cred := fetchmode.Credentials(credB % 3)
		var l fetchmode.HeaderList
		for i := 0; i < int(acaoLines%3); i++ {
			l = append(l, fetchmode.Header{Name: "Access-Control-Allow-Origin", Value: acao})
		}
		for i := 0; i < int(acacLines%3); i++ {
			l = append(l, fetchmode.Header{Name: "access-control-allow-credentials", Value: acac})
		}
		joinedACAO, hasACAO := l.Get("Access-Control-Allow-Origin")
		joinedACAC, _ := l.Get("Access-Control-Allow-Credentials")
		want := fxCORSCheckOracle(serialized, cred, joinedACAO, hasACAO, joinedACAC)
		for _, p := range algorithm.Profiles() {
			got := algorithm.CORSCheck(p, serialized, cred, l)
			if got.OK() != want {
				t.Fatalf("%s: CORSCheck(%q, %v, %q) ok = %v (%s), standard says %v", p, serialized, cred, l, got.OK(), got.Reason, want)
			}
			if !got.OK() && got.Reason == "" {
				t.Fatalf("%s: failure without a reason", p)
			}
		}
	})
}

// FuzzValidatePreflight validates arbitrary preflight responses in every profile and checks that a
// pass is justified by Fetch §cors-preflight-fetch-0 step 7 (and docs/profiles.md for Authorization
// under "*"): an ok status, a passing CORS check, lists that parse, the method and every header
// allowed; and that the cache lifetime respects the profile's cap.
func FuzzValidatePreflight(f *testing.F) {
	// Seeds from spec_test/preflight_validation_test.go.
	f.Add("https://app.example", "PUT", "", byte(2), false, 204, "https://app.example", "", "PUT", "", "600")       // allowed
	f.Add("https://app.example", "PUT", "", byte(2), false, 204, "https://app.example", "", "put", "", "")          // case-sensitive method
	f.Add("https://app.example", "GET", "authorization", byte(2), false, 204, "*", "", "", "*", "")                 // Authorization under "*"
	f.Add("https://app.example", "PUT", "x-a", byte(1), false, 204, "https://app.example", "true", "*", "*", "")    // "*" literal with credentials
	f.Add("https://app.example", "POST", "", byte(0), true, 200, "https://app.example", "", "", "", "")             // forced, no ACAM
	f.Add("https://app.example", "GET", "x-a", byte(0), false, 204, "https://app.example", "", "PUT;", "x-a", "")   // unparsable ACAM
	f.Add("https://app.example", "PUT", "", byte(0), false, 302, "https://app.example", "", "PUT", "", "")          // redirect status
	f.Add("null", "patch", "x-a,x-b", byte(0), false, 299, "null", "", "patch", "X-A, x-b", "99999999999999999999") // null origin, huge max-age
	f.Add("", "", "", byte(0), false, 0, "", "", "", "", "")                                                        // nothing
	f.Fuzz(func(t *testing.T, so, method, names string, credB byte, forced bool, status int, acao, acac, acam, acah, maxAge string) {
		cred := fetchmode.Credentials(credB % 3)
		check := algorithm.PreflightCheck{Origin: so, Method: method, Credentials: cred, Forced: forced}
		if names != "" {
			check.Headers = strings.Split(names, ",")
		}
		var l fetchmode.HeaderList
		for _, kv := range [][2]string{{"Access-Control-Allow-Origin", acao}, {"Access-Control-Allow-Credentials", acac}, {"Access-Control-Allow-Methods", acam}, {"Access-Control-Allow-Headers", acah}, {"Access-Control-Max-Age", maxAge}} {
			if kv[1] != "" {
				l = append(l, fetchmode.Header{Name: kv[0], Value: kv[1]})
			}
		}
		resp := algorithm.Response{Status: status, Headers: l}
		inc := cred == fetchmode.CredentialsInclude
		for _, p := range algorithm.Profiles() {
			res, fl := algorithm.ValidatePreflight(p, check, resp)
			if !fl.OK() {
				if fl.Reason == "" {
					t.Fatalf("%s: failure without a reason", p)
				}
				continue
			}
			if status < 200 || status > 299 {
				t.Fatalf("%s: passed with status %d", p, status)
			}
			a, hasA := l.Get("Access-Control-Allow-Origin")
			c, _ := l.Get("Access-Control-Allow-Credentials")
			if !fxCORSCheckOracle(so, cred, a, hasA, c) {
				t.Fatalf("%s: passed although the CORS check fails", p)
			}
			methods, _, okM := fetchoracle.TokenList(l.Values("Access-Control-Allow-Methods"))
			headers, _, okH := fetchoracle.TokenList(l.Values("Access-Control-Allow-Headers"))
			if !okM || !okH {
				t.Fatalf("%s: passed with an unparsable list %q / %q", p, acam, acah)
			}
			allowedM := method == "GET" || method == "HEAD" || method == "POST" || forced && !l.Contains("Access-Control-Allow-Methods")
			for _, m := range methods {
				allowedM = allowedM || m == method || m == "*" && !inc
			}
			if !allowedM {
				t.Fatalf("%s: method %q passed against %q", p, method, acam)
			}
			for _, n := range check.Headers {
				ok := false
				for _, hn := range headers {
					ok = ok || strings.EqualFold(hn, n) || hn == "*" && !inc && (p != algorithm.Spec || !strings.EqualFold(n, "authorization"))
				}
				if !ok {
					t.Fatalf("%s: header %q passed against %q", p, n, acah)
				}
			}
			if res.MaxAge < 0 {
				t.Fatalf("%s: negative max-age %v", p, res.MaxAge)
			}
			if c := p.CachePolicy().MaxAgeCap; c > 0 && res.MaxAge > c {
				t.Fatalf("%s: max-age %v above the cap %v", p, res.MaxAge, c)
			}
		}
	})
}
