package bench

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

var (
	sinkVerdict algorithm.Verdict
	sinkRec     *httptest.ResponseRecorder
)

// serve sends the preflight and then the actual request through h, each into a fresh recorder, as
// one iteration of the middleware rows does.
func serve(h http.Handler, pre, act *http.Request) (*httptest.ResponseRecorder, *httptest.ResponseRecorder) {
	wp := httptest.NewRecorder()
	h.ServeHTTP(wp, pre)
	wa := httptest.NewRecorder()
	h.ServeHTTP(wa, act)
	return wp, wa
}

func jub0bsHandler(tb testing.TB) http.Handler {
	h, err := Jub0bs(App())
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// headerMap lower-cases a corsim header list into a map of name to values, for comparing with an
// http.Header.
func headerMap(l fetchmode.HeaderList) map[string][]string {
	m := map[string][]string{}
	for _, h := range l {
		n := strings.ToLower(h.Name)
		m[n] = append(m[n], h.Value)
	}
	return m
}

func lowerHeader(h http.Header) map[string][]string {
	m := map[string][]string{}
	for n, v := range h {
		m[strings.ToLower(n)] = append(m[strings.ToLower(n)], v...)
	}
	return m
}

// TestSameExchange checks that every row measures the same exchange: corsim sends the requests the
// middleware rows serve, judges the precomputed answers as allowed, and judges what each middleware
// actually answers exactly as it judges the precomputed answers.
func TestSameExchange(t *testing.T) {
	want := algorithm.Fetch(CorsimRequest(), FixedResponder(PreflightResponse(), ActualResponse()),
		algorithm.Options{Profile: algorithm.Chromium})
	if want.Outcome != algorithm.OK || !want.ActualSent || want.Status != http.StatusOK || len(want.ServerSaw) != 2 {
		t.Fatalf("corsim on the precomputed answers: %+v", want)
	}
	if !slices.Contains(want.VisibleHeaders, "x-request-id") {
		t.Errorf("x-request-id not visible to script: %v", want.VisibleHeaders)
	}
	if len(want.Preflights) != 1 || !want.Preflights[0].Sent {
		t.Errorf("preflight: %+v", want.Preflights)
	}
	// With a cache (the benchmark has none), the answer's Max-Age is what the browser would keep.
	cached := algorithm.Fetch(CorsimRequest(), FixedResponder(PreflightResponse(), ActualResponse()),
		algorithm.Options{Profile: algorithm.Chromium, Cache: algorithm.Chromium.NewCache()})
	if p := cached.Preflights; len(p) != 1 || p[0].LifetimeMS == nil || *p[0].LifetimeMS != MaxAge*1000 {
		t.Errorf("preflight with a cache: %+v", p)
	}

	// The requests corsim's browser sends are the ones the middleware rows serve.
	for i, r := range []*http.Request{NewPreflightRequest(), NewActualRequest()} {
		sent := want.ServerSaw[i]
		if sent.Method != r.Method || sent.URL != r.URL.String() {
			t.Errorf("request %d: corsim sends %s %s, the middleware rows serve %s %s", i, sent.Method, sent.URL, r.Method, r.URL)
		}
		if got, rows := headerMap(sent.Headers), lowerHeader(r.Header); !reflect.DeepEqual(got, rows) {
			t.Errorf("request %d: corsim sends headers %v, the middleware rows serve %v", i, got, rows)
		}
	}

	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"jub0bs-cors", jub0bsHandler(t)}, {"rs-cors", RS(App())}} {
		wp, wa := serve(c.h, NewPreflightRequest(), NewActualRequest())
		pre, act := FromRecorder(wp), FromRecorder(wa)
		t.Logf("%s preflight answer: %d %v", c.name, pre.Status, pre.Headers)
		t.Logf("%s actual answer:    %d %v", c.name, act.Status, act.Headers)
		got := algorithm.Fetch(CorsimRequest(), FixedResponder(pre, act), algorithm.Options{Profile: algorithm.Chromium})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: corsim judges its answers\n%+v\nbut the precomputed ones\n%+v", c.name, got, want)
		}
	}

	// The baseline handler has no CORS: the browser would block at the preflight.
	wp, wa := serve(App(), NewPreflightRequest(), NewActualRequest())
	got := algorithm.Fetch(CorsimRequest(), FixedResponder(FromRecorder(wp), FromRecorder(wa)), algorithm.Options{Profile: algorithm.Chromium})
	if got.Outcome != algorithm.NetworkError || got.ActualSent {
		t.Errorf("handler-no-cors: %+v", got)
	}
}

// BenchmarkExchange measures one exchange per iteration in each implementation. The middleware and
// baseline rows build their *http.Request values once (no handler here reads or changes them, nor
// the body) and a fresh httptest.ResponseRecorder for each of the two requests in every iteration.
// recorders-only is the two recorders alone.
func BenchmarkExchange(b *testing.B) {
	b.Run("impl=corsim", func(b *testing.B) {
		req := CorsimRequest()
		srv := FixedResponder(PreflightResponse(), ActualResponse())
		opts := algorithm.Options{Profile: algorithm.Chromium}
		b.ReportAllocs()
		for b.Loop() {
			sinkVerdict = algorithm.Fetch(req, srv, opts)
		}
		if sinkVerdict.Outcome != algorithm.OK {
			b.Fatalf("verdict %+v", sinkVerdict)
		}
	})
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"jub0bs-cors", jub0bsHandler(b)}, {"rs-cors", RS(App())}} {
		b.Run("impl="+c.name, func(b *testing.B) {
			pre, act := NewPreflightRequest(), NewActualRequest()
			var wp, wa *httptest.ResponseRecorder
			b.ReportAllocs()
			for b.Loop() {
				wp, wa = serve(c.h, pre, act)
			}
			sinkRec = wa
			if wp.Code != http.StatusNoContent || wa.Code != http.StatusOK || wa.Header().Get("Access-Control-Allow-Origin") != PageOrigin {
				b.Fatalf("statuses %d, %d; headers %v", wp.Code, wa.Code, wa.Header())
			}
		})
	}
	// The plumbing every middleware row pays whatever its CORS logic costs: the preflight's recorder,
	// and the PATCH through the bare handler into its own recorder. Both middlewares answer the
	// preflight themselves without calling the handler, so the handler runs once here too.
	b.Run("impl=handler-no-cors", func(b *testing.B) {
		h, act := App(), NewActualRequest()
		b.ReportAllocs()
		for b.Loop() {
			sinkRec = httptest.NewRecorder()
			sinkRec = httptest.NewRecorder()
			h.ServeHTTP(sinkRec, act)
		}
		if sinkRec.Code != http.StatusOK {
			b.Fatalf("status %d", sinkRec.Code)
		}
	})
	b.Run("impl=recorders-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkRec = httptest.NewRecorder()
			sinkRec = httptest.NewRecorder()
		}
	})
}
