package browser

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
)

// runnerJS is the script of the runner page and of its sandboxed frame.
//
//go:embed runner.js
var runnerJS string

// runnerHTML wraps the runner script: %s is the scenario key, then the JSON
// configuration, then the script.
const runnerHTML = `<!doctype html>
<meta charset="utf-8">
<title>corsim runner %s</title>
<body>
<script id="corsim-config" type="application/json">%s</script>
<script>%s</script>
</body>
`

// runnerConfig is what the runner page is told about its scenario.
type runnerConfig struct {
	Key      string      `json:"key"`
	Role     string      `json:"role"` // "top" or "frame"
	Control  string      `json:"control"`
	FrameURL string      `json:"frame_url,omitempty"`
	Next     string      `json:"next,omitempty"`
	Fetches  []fetchSpec `json:"fetches"`
}

// runnerPage renders the page (or, for frame, the sandboxed frame) that runs sc,
// and reports whether it must be served sandboxed by CSP.
func (h *hub) runnerPage(sc *scenario, frame bool) (string, bool) {
	top := h.topOrigin(sc)
	cfg := runnerConfig{Key: sc.key, Role: "top", Control: top + controlPrefix, Fetches: browserFetches(sc.Fetches)}
	if frame {
		cfg.Role = "frame"
	} else if sc.PageOrigin == "null" && sc.NullParent != "" && sc.NullParent != "null" {
		cfg.FrameURL = top + controlPrefix + "frame?k=" + url.QueryEscape(sc.key)
	}
	if h.selfDrive {
		cfg.Next = top + controlPrefix + "next?after=" + url.QueryEscape(sc.key)
	}
	b, _ := json.Marshal(cfg) // escapes <, > and &, so it is safe inside a script element
	page := fmt.Sprintf(runnerHTML, sc.key, b, runnerJS)
	csp := sc.PageOrigin == "null" && cfg.FrameURL == "" && !frame
	return page, csp
}

// browserFetches prepares the fetches for JavaScript: a method and header names and
// values are byte strings, so each byte is given as the code point of the same
// number (isomorphic decoding), which makes the browser send exactly the bytes the
// engine reads.
func browserFetches(fs []fetchSpec) []fetchSpec {
	out := make([]fetchSpec, len(fs))
	for i, f := range fs {
		f.Method = isomorphicDecode(f.Method)
		hs := make([][]string, len(f.Headers))
		for j, p := range f.Headers {
			hs[j] = []string{isomorphicDecode(p[0]), isomorphicDecode(p[1])}
		}
		f.Headers = hs
		out[i] = f
	}
	return out
}

func isomorphicDecode(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}
