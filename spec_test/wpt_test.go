package spec_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/scenario"
)

// loadWPT reads one file of the web-platform-tests data, when ../shared/wpt holds a copy, or skips the
// test.
func loadWPT(t *testing.T, name string, v any) {
	t.Helper()
	dir, ok := wptDir()
	if !ok {
		t.Skip("web-platform-tests data not found: no copy in ../shared/wpt beside the repository root (walked up from the working directory)")
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Skipf("web-platform-tests file %s not readable: %v", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestWPTNotSafelisted checks WPT's fetch/api/cors/resources/not-cors-safelisted.json: every (name,
// value) pair in it makes a cross-origin request need a preflight (Fetch
// §cors-safelisted-request-header), in every profile, and lists the name in
// Access-Control-Request-Headers.
func TestWPTNotSafelisted(t *testing.T) {
	var pairs [][2]string
	loadWPT(t, "not-cors-safelisted.json", &pairs)
	if len(pairs) == 0 {
		t.Fatal("not-cors-safelisted.json holds no pairs")
	}
	for i, p := range pairs {
		name := strconv.Itoa(i) + " " + p[0]
		runCase(t, name, "fetch#cors-safelisted-request-header", func(t *testing.T) {
			for _, prof := range allProfiles {
				req := algorithm.Request{Origin: page, URL: apiURL, Method: "POST", Headers: h(p[0], p[1])}
				if !algorithm.NeedsPreflight(req, algorithm.Options{Profile: prof}) {
					t.Errorf("%s: %q: %q needs no preflight, want one", prof, p[0], p[1])
					continue
				}
				pre, ok := algorithm.PreflightRequest(req, algorithm.Options{Profile: prof})
				acrh, _ := header(pre, "Access-Control-Request-Headers")
				if !ok || !strings.Contains(","+acrh+",", ","+strings.ToLower(p[0])+",") {
					t.Errorf("%s: ACRH %q does not list %q", prof, acrh, p[0])
				}
			}
		})
	}
}

// badPorts is the port blocklist of Fetch §block-bad-port.
var badPorts = map[string]bool{}

func init() {
	for _, p := range strings.Fields("0 1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 111 113 115 117 119 123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 532 540 548 554 556 563 587 601 636 989 990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080") {
		badPorts[p] = true
	}
}

// TestWPTURLOrigins runs, for every http(s) entry of WPT's urltestdata.json that has an origin, a
// fetch from a page at that origin to the parsed URL: it must be a same-origin basic request (HTML
// §same-origin), refused before sending when the URL includes credentials (Fetch §dom-request step 5)
// or its port is blocked (Fetch §block-bad-port).
func TestWPTURLOrigins(t *testing.T) {
	var raw []json.RawMessage
	loadWPT(t, "urltestdata.json", &raw)
	n := 0
	for i, r := range raw {
		var e struct {
			Href, Origin, Protocol, Username, Password, Port string
			Failure                                          bool
			Input                                            string
		}
		if json.Unmarshal(r, &e) != nil || e.Failure || e.Href == "" || (e.Protocol != "http:" && e.Protocol != "https:") {
			continue
		}
		if strings.Contains(e.Href, "xn--") || !isASCII(e.Input) {
			continue // IDNA inputs are covered by the origin package's own WPT test.
		}
		n++
		runCase(t, "url "+strconv.Itoa(i), "url#concept-url-origin", func(t *testing.T) {
			pageOrigin, err := origin.ParseSerialized(e.Origin)
			if err != nil {
				t.Skipf("page origin %q not serialized-origin syntax: %v", e.Origin, err)
			}
			routes := map[string]scenario.Route{e.Href: {Actual: rsp(200)}}
			tb, err := scenario.NewTable(routes)
			if err != nil {
				t.Fatalf("NewTable(%q): %v", e.Href, err)
			}
			v := algorithm.Fetch(algorithm.Request{Origin: pageOrigin, URL: e.Href}, tb, algorithm.Options{})
			switch {
			case e.Username != "" || e.Password != "":
				if v.Outcome != algorithm.JSError {
					t.Errorf("%q: outcome %s, want js-error (URL with credentials)", e.Href, v.Outcome)
				}
			case badPorts[e.Port]:
				if v.Reason != algorithm.BadPort {
					t.Errorf("%q: reason %s, want BadPort", e.Href, v.Reason)
				}
			default:
				if v.Outcome != algorithm.OK || v.ResponseType != algorithm.TypeBasic {
					t.Errorf("%q from %q: %s %s %s, want a basic response", e.Href, e.Origin, v.Outcome, v.ResponseType, v.Reason)
				}
				if len(v.ServerSaw) != 1 {
					t.Errorf("server saw %q", sawList(v))
				} else if _, has := header(v.ServerSaw[0], "Origin"); has {
					t.Errorf("same-origin GET carries Origin")
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no usable http(s) entries in urltestdata.json")
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
