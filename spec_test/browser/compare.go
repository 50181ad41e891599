package browser

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/algorithm"
)

// Field names, as the verdict's JSON spells them.
const (
	fOutcome         = "outcome"
	fActualSent      = "actual_sent"
	fBodyReadable    = "body_readable"
	fResponseType    = "response_type"
	fStatus          = "status"
	fVisibleHeaders  = "visible_headers"
	fRedirected      = "redirected"
	fFinalURL        = "final_url"
	fServerSaw       = "server_saw"
	fReason          = "reason"
	fFailedParameter = "failed_parameter"
	fMessage         = "message"
)

// comparedFields lists every field the harness compares, in report order.
var comparedFields = []string{fOutcome, fActualSent, fServerSaw, fResponseType, fStatus,
	fVisibleHeaders, fBodyReadable, fRedirected, fFinalURL, fReason, fFailedParameter, fMessage}

// fieldDiff is one field of one fetch on which the browser and the engine differ.
type fieldDiff struct {
	Scenario string // scenario id
	Source   string // file:line
	Key      string
	Fetch    int
	Field    string
	Browser  string
	Engine   string
	Cause    string // an explanation from the environment catalogue, or ""
}

// fetchComparison is the outcome of comparing one fetch.
type fetchComparison struct {
	observed map[string]bool // fields the browser let the harness observe
	diffs    []fieldDiff
}

// fieldValue picks one field of an observation.
func fieldValue(o observation, field string) any {
	switch field {
	case fOutcome:
		return o.Outcome
	case fActualSent:
		return o.ActualSent
	case fBodyReadable:
		return o.BodyReadable
	case fResponseType:
		return o.ResponseType
	case fStatus:
		return o.Status
	case fVisibleHeaders:
		return o.VisibleHeaders
	case fRedirected:
		return o.Redirected
	case fFinalURL:
		return o.FinalURL
	case fServerSaw:
		return o.ServerSaw
	case fReason:
		return o.Reason
	case fFailedParameter:
		return o.FailedParameter
	case fMessage:
		return o.Message
	}
	return nil
}

// render writes a field value compactly for the report.
func render(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// compareFetch diffs every observed field with go-cmp.
func compareFetch(b, e observation, observed map[string]bool) []string {
	var out []string
	for _, f := range comparedFields {
		if !observed[f] {
			continue
		}
		if !cmp.Equal(fieldValue(b, f), fieldValue(e, f)) {
			out = append(out, f)
		}
	}
	return out
}

// compareRun compares every fetch of a browser run with the engine's verdicts.
func compareRun(run scenarioRun, browserName string, verdicts []algorithm.Verdict) []fetchComparison {
	out := make([]fetchComparison, len(run.sc.Fetches))
	for i, f := range run.sc.Fetches {
		if i >= len(run.report.Results) || i >= len(verdicts) {
			continue
		}
		e := fromVerdict(verdicts[i])
		res := run.report.Results[i]
		b := fromBrowser(f, res, run.log[i], e)
		observed := map[string]bool{}
		for _, fl := range comparedFields {
			observed[fl] = fl != fReason && fl != fFailedParameter && fl != fMessage
		}
		if browserName == "chromium" && run.chrome != nil {
			r, p, okR, okP := chromeReason(run.chrome, i, res, fetchInfoOf(run.sc, i))
			b.Reason, b.FailedParameter = r, p
			observed[fReason], observed[fFailedParameter] = okR, okP
			if msg, ok := chromeMessage(run.chrome, i); ok && okP {
				b.Message, observed[fMessage] = msg, true
			}
		}
		fc := fetchComparison{observed: observed}
		for _, fl := range compareFetch(b, e, observed) {
			fc.diffs = append(fc.diffs, fieldDiff{Scenario: run.sc.ID, Source: run.sc.source, Key: run.sc.key,
				Fetch: i, Field: fl, Browser: render(fieldValue(b, fl)), Engine: render(fieldValue(e, fl))})
		}
		out[i] = fc
	}
	return out
}

// chromeReason reads the failure reason of fetch i from DevTools' events. The reason
// is observed whenever the fetch failed in a way DevTools names, or succeeded; the
// failed parameter only when DevTools reported a CORS error status.
func chromeReason(ev *chromeEvents, i int, res runnerResult, fx fetchInfo) (reason, param string, okReason, okParam bool) {
	switch res.Outcome {
	case string(algorithm.OK):
		return "", "", true, true
	case string(algorithm.JSError):
		return string(algorithm.InvalidRequest), "", true, false
	case string(algorithm.NetworkError):
	default:
		return "", "", false, false
	}
	ev.mu.Lock()
	fs := append([]netFailure(nil), ev.failures[i]...)
	ev.mu.Unlock()
	var best *netFailure
	for j := range fs {
		f := &fs[j]
		if f.HasCORSStatus && (best == nil || !best.HasCORSStatus || f.Type != "Preflight") {
			best = f
		}
	}
	if best != nil {
		return best.CorsError, best.FailedParameter, true, true
	}
	for _, f := range fs {
		if r, ok := chromeNetReason(f, fx); ok {
			return r, "", true, false
		}
	}
	for _, f := range fs {
		// A bare net::ERR_FAILED names nothing: DevTools gives no reason to compare.
		if f.ErrorText != "net::ERR_FAILED" || f.BlockedReason != "" {
			return "net:" + f.ErrorText + "/" + f.BlockedReason, "", true, false
		}
	}
	return "", "", false, false
}

// chromeNetReason maps a non-CORS DevTools failure to corsim's own reason names.
// DevTools gives no Network.CorsError for a request mode that forbids the URL or for
// a scheme fetch that fails, so for those the DevTools value that names the failure
// (a blocked reason, or a net error for the URL's scheme) maps to corsim's name.
func chromeNetReason(f netFailure, fx fetchInfo) (string, bool) {
	scheme := fx.scheme
	switch {
	case fx.stream && f.ErrorText == "net::ERR_INVALID_ARGUMENT":
		// A stream body met a redirect that would send it again (Fetch §concept-http-redirect-fetch step 11).
		return string(algorithm.InvalidRedirect), true
	case fx.stream && f.ErrorText == "net::ERR_ALPN_NEGOTIATION_FAILED":
		// A stream body where Chromium cannot use HTTP/2 (the chromium profile's ruleStreamNeedsHTTP2).
		return string(algorithm.StreamBodyUnsupported), true
	case f.BlockedReason == "origin":
		// Blink's ResourceRequestBlockedReason::kOrigin: mode "same-origin" met another origin.
		return string(algorithm.DisallowedByMode), true
	case scheme == "file" && f.BlockedReason == "other":
		return string(algorithm.CorsDisabledScheme), true
	case scheme == "blob" && f.ErrorText == "net::ERR_FILE_NOT_FOUND":
		return string(algorithm.UnsupportedScheme), true
	case scheme == "data" && f.ErrorText == "net::ERR_INVALID_URL":
		return string(algorithm.InvalidResponse), true
	}
	switch f.BlockedReason {
	case "mixed-content":
		return string(algorithm.MixedContent), true
	case "corp-not-same-origin":
		return string(algorithm.CorpNotSameOrigin), true
	case "corp-not-same-site":
		return string(algorithm.CorpNotSameSite), true
	}
	switch f.ErrorText {
	case "net::ERR_UNSAFE_PORT":
		return string(algorithm.BadPort), true
	case "net::ERR_TOO_MANY_REDIRECTS":
		return string(algorithm.TooManyRedirects), true
	case "net::ERR_INVALID_REDIRECT", "net::ERR_UNSAFE_REDIRECT", "net::ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION":
		return string(algorithm.InvalidRedirect), true
	case "net::ERR_CONNECTION_REFUSED", "net::ERR_EMPTY_RESPONSE", "net::ERR_CONNECTION_RESET",
		"net::ERR_CONNECTION_CLOSED", "net::ERR_NAME_NOT_RESOLVED":
		return string(algorithm.NetworkFailure), true
	}
	return "", false
}

// fetchInfo is what reading a DevTools failure needs to know of the fetch.
type fetchInfo struct {
	scheme string // of the URL as the scenario writes it
	stream bool   // a ReadableStream body
}

func fetchInfoOf(sc *scenario, i int) fetchInfo {
	if i < 0 || i >= len(sc.Fetches) {
		return fetchInfo{}
	}
	fx := fetchInfo{stream: sc.Fetches[i].StreamBody}
	u := sc.Fetches[i].URL
	if j := strings.IndexByte(u, ':'); j > 0 {
		fx.scheme = strings.ToLower(u[:j])
	}
	return fx
}

// corsConsolePrefix starts every console message Chromium prints for a fetch the
// CORS protocol blocked.
const corsConsolePrefix = "Access to fetch at "

// chromeMessage is the console message Chromium printed for fetch i when the fetch
// failed a CORS check; ok is false when it printed none.
func chromeMessage(ev *chromeEvents, i int) (string, bool) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	for _, m := range ev.console[i] {
		if strings.HasPrefix(m, corsConsolePrefix) {
			return m, true
		}
	}
	return "", false
}
