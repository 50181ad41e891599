package origin_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/corsim/corsim/origin"
)

// serializedTests drive ParseSerialized. want is the normalized
// serialization; part is the failing part when the input must fail.
var serializedTests = []struct {
	name string
	in   string
	want string
	part string
}{
	{name: "accept/https", in: "https://a.test", want: "https://a.test"},
	{name: "accept/port", in: "http://a.test:8080", want: "http://a.test:8080"},
	{name: "accept/default-port-nulled", in: "https://a.test:443", want: "https://a.test"},
	{name: "accept/uppercase", in: "HTTPS://Example.COM", want: "https://example.com"},
	{name: "accept/ipv4", in: "http://127.0.0.1:3000", want: "http://127.0.0.1:3000"},
	{name: "accept/ipv4-shorthand", in: "http://127.1", want: "http://127.0.0.1"},
	{name: "accept/ipv6", in: "http://[::1]:8080", want: "http://[::1]:8080"},
	{name: "accept/ipv6-noncanonical", in: "http://[0:0::1]", want: "http://[::1]"},
	{name: "accept/idn", in: "https://faß.example", want: "https://xn--fa-hia.example"},
	{name: "accept/ws", in: "ws://a.test", want: "ws://a.test"},
	{name: "accept/wss", in: "wss://a.test:444", want: "wss://a.test:444"},
	{name: "accept/ftp", in: "ftp://a.test", want: "ftp://a.test"},
	{name: "accept/trailing-dot", in: "https://a.test.", want: "https://a.test."},
	{name: "accept/underscore", in: "https://a_b.test", want: "https://a_b.test"},
	{name: "accept/null", in: "null", want: "null"},
	{name: "reject/empty", in: "", part: "input"},
	{name: "reject/Null", in: "Null", part: "scheme"},
	{name: "reject/NULL", in: "NULL", part: "scheme"},
	{name: "reject/null-space", in: "null ", part: "input"},
	{name: "reject/slash-path", in: "https://a.test/", part: "path"},
	{name: "reject/path", in: "https://a.test/x", part: "path"},
	{name: "reject/backslash", in: "https://a.test\\", part: "path"},
	{name: "reject/query", in: "https://a.test?x", part: "query"},
	{name: "reject/empty-query", in: "https://a.test?", part: "query"},
	{name: "reject/fragment", in: "https://a.test#x", part: "fragment"},
	{name: "reject/userinfo", in: "https://u:p@a.test", part: "userinfo"},
	{name: "reject/empty-userinfo", in: "https://@a.test", part: "userinfo"},
	{name: "reject/empty-port", in: "https://a.test:", part: "port"},
	{name: "reject/bad-port", in: "https://a.test:x", part: "port"},
	{name: "reject/big-port", in: "https://a.test:65536", part: "port"},
	{name: "reject/no-slashes", in: "https:a.test", part: "scheme"},
	{name: "reject/one-slash", in: "https:/a.test", part: "scheme"},
	{name: "reject/no-scheme", in: "://a.test", part: "scheme"},
	{name: "reject/host-only", in: "a.test", part: "scheme"},
	{name: "reject/empty-host", in: "https://", part: "host"},
	{name: "reject/bad-host", in: "https://a^b", part: "domain"},
	{name: "reject/bad-ipv4", in: "http://1.2.3.4.5", part: "ipv4"},
	{name: "reject/bad-ipv6", in: "http://[::1", part: "ipv6"},
	{name: "reject/file", in: "file://a.test", part: "scheme"},
	{name: "reject/custom", in: "foo://a.test", part: "scheme"},
	{name: "reject/blob", in: "blob:https://a.test", part: "scheme"},
	{name: "reject/data", in: "data:,x", part: "scheme"},
	{name: "reject/leading-space", in: " https://a.test", part: "input"},
	{name: "reject/trailing-space", in: "https://a.test ", part: "input"},
	{name: "reject/tab", in: "https://a.\ttest", part: "input"},
	{name: "reject/nul", in: "https://a.test\x00", part: "input"},
	{name: "reject/del", in: "https://a.test\x7f", part: "input"},
	{name: "reject/invalid-utf8", in: "https://a\xff.test", part: "domain"},
	{name: "reject/1MiB-path", in: "https://a.test/" + strings.Repeat("x", 1<<20), part: "path"},
	{name: "reject/10000-commas", in: "https://a.test," + strings.Repeat(",", 10000), want: "https://a.test" + strings.Repeat(",", 10001)},
}

func TestParseSerialized(t *testing.T) {
	for _, tc := range serializedTests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := origin.ParseSerialized(tc.in)
			if tc.part != "" {
				var pe *origin.ParseError
				if !errors.As(err, &pe) || pe.Part != tc.part {
					t.Fatalf("ParseSerialized = %q, %v; want failure in %s", o.String(), err, tc.part)
				}
				if o.IsValid() {
					t.Errorf("failure returned a valid origin")
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSerialized: %v; want %q", err, tc.want)
			}
			if got := o.String(); got != tc.want {
				t.Errorf("ParseSerialized = %q; want %q", got, tc.want)
			}
			if tc.want == "null" {
				if !o.IsOpaque() {
					t.Errorf("null did not give an opaque origin")
				}
				return
			}
			// A serialized origin parses back to itself both ways.
			if again, err := origin.ParseSerialized(o.String()); err != nil || again != o {
				t.Errorf("ParseSerialized(%q) = %#v, %v; want %#v", o.String(), again, err, o)
			}
			if again, err := origin.Parse(o.String()); err != nil || again != o {
				t.Errorf("Parse(%q) = %#v, %v; want %#v", o.String(), again, err, o)
			}
		})
	}
}
