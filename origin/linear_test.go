package origin_test

import (
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/origin"
)

// TestLinearTime parses 256 KiB adversarial inputs built to provoke
// quadratic behaviour (repeated shortening, rescanning, copying) and fails
// when any of them is far slower than a plain 256 KiB URL.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	const n = 1 << 18
	base := origin.MustParseURL("https://a.test/" + strings.Repeat("b/", 1000))
	inputs := []struct{ name, in string }{
		{name: "plain-path", in: "https://a.test/" + strings.Repeat("x", n)},
		{name: "dotdot-segments", in: "https://a.test/" + strings.Repeat("a/../", n/5)},
		{name: "dotdot-only", in: "https://a.test/" + strings.Repeat("../", n/3)},
		{name: "empty-segments", in: "https://a.test/" + strings.Repeat("/", n)},
		{name: "encoded-dots", in: "https://a.test/" + strings.Repeat("%2e%2E/", n/7)},
		{name: "at-signs", in: "https://" + strings.Repeat("@", n) + "a.test/"},
		{name: "colons", in: "https://" + strings.Repeat(":", n)},
		{name: "userinfo-colons", in: "https://a" + strings.Repeat(":", n) + "@a.test/"},
		{name: "brackets", in: "https://" + strings.Repeat("[", n) + "]/"},
		{name: "ipv6-colons", in: "http://[" + strings.Repeat(":", n) + "]/"},
		{name: "dots-host", in: "https://" + strings.Repeat(".", n) + "/"},
		{name: "ipv4-parts", in: "http://" + strings.Repeat("1.", n/2) + "1/"},
		{name: "unicode-host", in: "https://" + strings.Repeat("ü", n/2) + "/"},
		{name: "percent-host", in: "https://" + strings.Repeat("%41", n/3) + "/"},
		{name: "spaces-opaque", in: "data:" + strings.Repeat(" ", n) + "?"},
		{name: "tabs", in: "https://a.test/" + strings.Repeat("\t", n)},
		{name: "file-drive-letters", in: "file:///" + strings.Repeat("C:/../", n/6)},
		{name: "non-special-dotdot", in: "sc:/" + strings.Repeat("../", n/3) + "/x"},
		{name: "blob-nested", in: strings.Repeat("blob:", n/5) + "https://a.test/"},
		{name: "slashes-authority", in: "https:" + strings.Repeat("\\", n) + "a.test"},
		{name: "invalid-utf8", in: "https://a.test/" + strings.Repeat("\xff", n)},
	}
	measure := func(in string) time.Duration {
		start := time.Now()
		_, _ = origin.Parse(in)
		_, _ = origin.ParseURL(in)
		_, _ = base.Resolve(in)
		_, _ = base.Resolve(strings.TrimPrefix(in, "https://a.test"))
		_, _ = origin.ParseSerialized(in)
		return time.Since(start)
	}
	ref := measure(inputs[0].in)
	for _, tc := range inputs {
		d := measure(tc.in)
		if d > 50*ref+500*time.Millisecond {
			t.Errorf("%s: %v (plain 256 KiB URL: %v)", tc.name, d, ref)
		}
		t.Logf("%s: %v", tc.name, d)
	}
}
