package fetchmode

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// wptDir finds the web-platform-tests data, when ../shared/wpt holds a copy
// (a shared/wpt directory in the working directory or one above it), or
// skips the test.
func wptDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Skipf("no working directory: %v", err)
	}
	for {
		cand := filepath.Join(dir, "shared", "wpt")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("web-platform-tests data not found: no shared/wpt above the working directory")
		}
		dir = parent
	}
}

// isomorphicEncode turns a JSON string's code points into bytes, as a
// ByteString conversion does; ok is false for a code point above U+00FF.
func isomorphicEncode(s string) (b string, ok bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return "", false
		}
		out = append(out, byte(r))
	}
	return string(out), true
}

// TestWPTNotCORSSafelisted checks every (name, value) pair of
// fetch/api/cors/resources/not-cors-safelisted.json: each must need a
// preflight, under the standard and under Chromium's rules.
func TestWPTNotCORSSafelisted(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(wptDir(t), "not-cors-safelisted.json"))
	if err != nil {
		t.Skipf("not-cors-safelisted.json not readable: %v", err)
	}
	var pairs [][2]string
	if err := json.Unmarshal(data, &pairs); err != nil {
		t.Fatalf("not-cors-safelisted.json: %v", err)
	}
	if len(pairs) == 0 {
		t.Fatal("not-cors-safelisted.json has no pairs")
	}
	for _, p := range pairs {
		name, ok1 := isomorphicEncode(p[0])
		value, ok2 := isomorphicEncode(p[1])
		if !ok1 || !ok2 {
			t.Errorf("%q: %q is not a byte string", p[0], p[1])
			continue
		}
		for _, v := range []Safelist{{}, {ClientHints: true, RangeMax: math.MaxInt64 - 1}, {NoTotalLimit: true}} {
			if v.IsSafelisted(name, value) {
				t.Errorf("%+v: (%q, %.20q) is safelisted", v, name, value)
			}
			if got := v.AppendUnsafeNames(nil, HeaderList{{name, value}}); len(got) != 1 || got[0] != name {
				t.Errorf("%+v: unsafe names of (%q, %.20q) = %q", v, name, value, got)
			}
		}
	}
	t.Logf("%d pairs checked", len(pairs))
}
