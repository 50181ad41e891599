package origin_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/corsim/corsim/origin"
)

// parseTests drive Parse and ParseURL. want is the origin serialization
// ("null" for opaque); part is the failing part when the input must fail.
var parseTests = []struct {
	name string
	in   string
	want string
	part string
}{
	// Scheme.
	{name: "scheme/lowercase", in: "https://a.test/", want: "https://a.test"},
	{name: "scheme/uppercase", in: "HTTPS://EXAMPLE.com:443/x", want: "https://example.com"},
	{name: "scheme/mixed-case-ws", in: "wS://a.test", want: "ws://a.test"},
	{name: "scheme/missing", in: "//a.test/", part: "scheme"},
	{name: "scheme/relative-path", in: "a.test/x", part: "scheme"},
	{name: "scheme/digit-first", in: "1http://a.test/", part: "scheme"},
	{name: "scheme/empty-input", in: "", part: "scheme"},
	{name: "scheme/only-colon", in: ":", part: "scheme"},
	{name: "scheme/plus-dot-dash", in: "a+b.c-d://x/", want: "null"},
	{name: "scheme/special-without-slashes", in: "https:a.test/x", want: "https://a.test"},
	{name: "scheme/special-backslashes", in: "https:\\\\a.test\\x", want: "https://a.test"},
	{name: "scheme/many-slashes", in: "https://////a.test///", want: "https://a.test"},
	// Clean-up.
	{name: "cleanup/leading-space", in: "  https://a.test/", want: "https://a.test"},
	{name: "cleanup/trailing-controls", in: "https://a.test/\x00\x01 ", want: "https://a.test"},
	{name: "cleanup/tab-in-host", in: "https://a.\tte\nst/", want: "https://a.test"},
	{name: "cleanup/newline-in-scheme", in: "ht\r\ntps://a.test/", want: "https://a.test"},
	{name: "cleanup/only-spaces", in: " \t\n ", part: "scheme"},
	// Default ports and port parsing.
	{name: "port/http-default", in: "http://a.test:80/", want: "http://a.test"},
	{name: "port/https-default", in: "https://a.test:443", want: "https://a.test"},
	{name: "port/ws-default", in: "ws://a.test:80", want: "ws://a.test"},
	{name: "port/wss-default", in: "wss://a.test:443", want: "wss://a.test"},
	{name: "port/ftp-default", in: "ftp://a.test:21", want: "ftp://a.test"},
	{name: "port/cross-default", in: "http://a.test:443/", want: "http://a.test:443"},
	{name: "port/non-default", in: "http://example.com:8080", want: "http://example.com:8080"},
	{name: "port/leading-zeros-default", in: "http://a.test:0080/", want: "http://a.test"},
	{name: "port/leading-zeros", in: "http://a.test:000000000000000000008080/", want: "http://a.test:8080"},
	{name: "port/zero", in: "http://a.test:0/", want: "http://a.test:0"},
	{name: "port/max", in: "http://a.test:65535/", want: "http://a.test:65535"},
	{name: "port/too-big", in: "http://a.test:65536/", part: "port"},
	{name: "port/huge", in: "http://a.test:99999999999999999999999/", part: "port"},
	{name: "port/empty", in: "http://a.test:/", want: "http://a.test"},
	{name: "port/letter", in: "https://example.com:demo", part: "port"},
	{name: "port/sign", in: "http://a.test:+80/", part: "port"},
	{name: "port/space", in: "http://a.test:8 0/", part: "port"},
	{name: "port/without-host", in: "http://:80/", part: "host"},
	{name: "port/ends-at-query", in: "http://a.test:81?x", want: "http://a.test:81"},
	{name: "port/ends-at-backslash", in: "http://a.test:81\\x", want: "http://a.test:81"},
	// Userinfo.
	{name: "userinfo/user-pass", in: "https://user:pass@a.test/", want: "https://a.test"},
	{name: "userinfo/empty", in: "https://@a.test/", want: "https://a.test"},
	{name: "userinfo/several-at", in: "https://a@b@c.test/", want: "https://c.test"},
	{name: "userinfo/no-host", in: "https://user:pass@/", part: "host"},
	{name: "userinfo/no-host-eof", in: "https://user@", part: "host"},
	{name: "userinfo/port", in: "http://u:p@a.test:8080/", want: "http://a.test:8080"},
	// Host: domains.
	{name: "host/empty", in: "https:///", part: "host"},
	{name: "host/empty-query", in: "http://?x", part: "host"},
	{name: "host/percent-decoded", in: "http://ex%41mple.com/", want: "http://example.com"},
	{name: "host/percent-dot", in: "http://example%2Ecom/", want: "http://example.com"},
	{name: "host/percent-percent", in: "http://example%2525.com/", part: "domain"},
	{name: "host/forbidden-caret", in: "http://example^example/", part: "domain"},
	{name: "host/forbidden-space", in: "https://ex ample.org/", part: "domain"},
	{name: "host/forbidden-pipe", in: "http://a|b/", part: "domain"},
	{name: "host/allowed-underscore", in: "http://a_b.example/", want: "http://a_b.example"},
	{name: "host/allowed-star", in: "http://*.example/", want: "http://*.example"},
	{name: "host/trailing-dot", in: "http://example.com./", want: "http://example.com."},
	{name: "host/percent-control", in: "http://a%00b/", part: "domain"},
	{name: "host/del", in: "http://a\x7fb/", part: "domain"},
	// Host: IDNA.
	{name: "idna/eszett", in: "https://faß.example/", want: "https://xn--fa-hia.example"},
	{name: "idna/coffee", in: "https://☕.example/", want: "https://xn--53h.example"},
	{name: "idna/fullwidth", in: "https://ＥＸＡＭＰＬＥ.com/", want: "https://example.com"},
	{name: "idna/percent-encoded-utf8", in: "https://%E2%98%95.example/", want: "https://xn--53h.example"},
	{name: "idna/soft-hyphen-only", in: "https://\u00ad/", part: "domain"},
	{name: "idna/ascii-xn-invalid", in: "https://xn--a/", want: "https://xn--a"},
	{name: "idna/ascii-xn-uppercase", in: "https://XN--A.example/", want: "https://xn--a.example"},
	{name: "idna/nonascii-xn-invalid", in: "https://xn--a.ß/", part: "domain"},
	{name: "idna/nonascii-in-xn-label", in: "https://xn--tešla/", part: "domain"},
	{name: "idna/invalid-utf8-raw", in: "https://a\xffb.test/", part: "domain"},
	{name: "idna/invalid-utf8-percent", in: "https://a%FFb.test/", part: "domain"},
	{name: "idna/replacement-char", in: "https://a\uFFFDb.test/", part: "domain"},
	{name: "idna/fullwidth-percent", in: "http://％４１.com", part: "domain"},
	{name: "idna/fullwidth-dot", in: "https://a。test/", want: "https://a.test"},
	{name: "idna/std3-underscore-with-unicode", in: "https://a_b.ü/", want: "https://a_b.xn--tda"},
	// Host: IPv4.
	{name: "ipv4/hex-shorthand", in: "http://0x7f.1/", want: "http://127.0.0.1"},
	{name: "ipv4/two-parts", in: "http://127.1/", want: "http://127.0.0.1"},
	{name: "ipv4/single-number", in: "http://2130706433/", want: "http://127.0.0.1"},
	{name: "ipv4/octal", in: "http://0177.0.0.1/", want: "http://127.0.0.1"},
	{name: "ipv4/zero", in: "http://0/", want: "http://0.0.0.0"},
	{name: "ipv4/max", in: "http://0xffffffff/", want: "http://255.255.255.255"},
	{name: "ipv4/trailing-dot", in: "http://127.0.0.1./", want: "http://127.0.0.1"},
	{name: "ipv4/bare-0x", in: "http://0x/", want: "http://0.0.0.0"},
	{name: "ipv4/percent-digit", in: "http://%30/", want: "http://0.0.0.0"},
	{name: "ipv4/hex-uppercase", in: "http://0X7F.0.0.1/", want: "http://127.0.0.1"},
	{name: "ipv4/too-many-parts", in: "http://1.2.3.4.5/", part: "ipv4"},
	{name: "ipv4/part-too-big", in: "http://256.1.1.1/", part: "ipv4"},
	{name: "ipv4/last-too-big", in: "http://1.2.3.256./", part: "ipv4"},
	{name: "ipv4/single-too-big", in: "http://4294967296/", part: "ipv4"},
	{name: "ipv4/bad-octal", in: "http://09/", part: "ipv4"},
	{name: "ipv4/domain-then-number", in: "http://example.1/", part: "ipv4"},
	{name: "ipv4/domain-then-255", in: "http://example.255/", part: "ipv4"},
	{name: "ipv4/domain-then-0x", in: "http://foo.0x/", part: "ipv4"},
	{name: "ipv4/not-a-number", in: "http://0xg/", want: "http://0xg"},
	{name: "ipv4/empty-middle-part", in: "http://1..2/", part: "ipv4"},
	{name: "ipv4/long-hex", in: "http://0x" + strings.Repeat("0", 1000) + "1/", want: "http://0.0.0.1"},
	{name: "ipv4/long-overflow", in: "http://" + strings.Repeat("9", 1000) + "/", part: "ipv4"},
	{name: "ipv4/fullwidth-digits", in: "http://１２７.0.0.1/", want: "http://127.0.0.1"},
	// Host: IPv6.
	{name: "ipv6/loopback", in: "http://[::1]/", want: "http://[::1]"},
	{name: "ipv6/compress-zeros", in: "http://[0:0::1]:80/", want: "http://[::1]"},
	{name: "ipv6/embedded-ipv4", in: "http://[::ffff:127.0.0.1]/", want: "http://[::ffff:7f00:1]"},
	{name: "ipv6/full", in: "http://[1:2:3:4:5:6:7:8]/", want: "http://[1:2:3:4:5:6:7:8]"},
	{name: "ipv6/first-longest-run", in: "http://[1:0:0:2:0:0:3:4]/", want: "http://[1::2:0:0:3:4]"},
	{name: "ipv6/longest-run-later", in: "http://[1:0:2:0:0:0:3:4]/", want: "http://[1:0:2::3:4]"},
	{name: "ipv6/single-zero-not-compressed", in: "http://[1:0:2:3:4:5:6:7]/", want: "http://[1:0:2:3:4:5:6:7]"},
	{name: "ipv6/uppercase-leading-zeros", in: "http://[00AB:0::00C]/", want: "http://[ab::c]"},
	{name: "ipv6/all-zero", in: "http://[::]/", want: "http://[::]"},
	{name: "ipv6/with-port", in: "https://[::1]:8443/", want: "https://[::1]:8443"},
	{name: "ipv6/unclosed", in: "http://[::1/", part: "ipv6"},
	{name: "ipv6/double-compress", in: "http://[1::2::3]/", part: "ipv6"},
	{name: "ipv6/too-many-pieces", in: "http://[1:2:3:4:5:6:7:8:9]/", part: "ipv6"},
	{name: "ipv6/too-few-pieces", in: "http://[1:2:3]/", part: "ipv6"},
	{name: "ipv6/piece-too-long", in: "http://[12345::]/", part: "ipv6"},
	{name: "ipv6/zone-id", in: "http://[fe80::1%25eth0]/", part: "ipv6"},
	{name: "ipv6/ipv4-leading-zero", in: "http://[::127.0.0.01]/", part: "ipv6"},
	{name: "ipv6/ipv4-too-few", in: "http://[::1.2.3]/", part: "ipv6"},
	{name: "ipv6/ipv4-too-big", in: "http://[::1.2.3.256]/", part: "ipv6"},
	{name: "ipv6/ipv4-after-seven", in: "http://[1:2:3:4:5:6:7:1.2.3.4]/", part: "ipv6"},
	{name: "ipv6/trailing-colon", in: "http://[1::2:]/", part: "ipv6"},
	{name: "ipv6/leading-single-colon", in: "http://[:1::]/", part: "ipv6"},
	{name: "ipv6/empty", in: "http://[]/", part: "ipv6"},
	{name: "ipv6/brackets-in-domain", in: "http://a[b]/", part: "domain"},
	{name: "ipv6/hostname-inside", in: "http://[www.example.com]/", part: "ipv6"},
	// blob: URLs (URL §concept-url-origin "blob").
	{name: "blob/https", in: "blob:https://a.test:8443/uuid", want: "https://a.test:8443"},
	{name: "blob/http-default-port", in: "blob:http://a.test:80/uuid", want: "http://a.test"},
	{name: "blob/uppercase-inner", in: "blob:HTTPS://A.TEST/x", want: "https://a.test"},
	{name: "blob/ws-inner", in: "blob:ws://a.test/x", want: "null"},
	{name: "blob/ftp-inner", in: "blob:ftp://a.test/x", want: "null"},
	{name: "blob/file-inner", in: "blob:file:///x", want: "null"},
	{name: "blob/nested", in: "blob:blob:https://a.test/x", want: "null"},
	{name: "blob/garbage-inner", in: "blob:not a url", want: "null"},
	{name: "blob/invalid-inner", in: "blob:https://a.test:99999/", want: "null"},
	{name: "blob/hierarchical", in: "blob://a.test/x", want: "null"},
	{name: "blob/inner-query", in: "blob:https://a.test/x?y#z", want: "https://a.test"},
	{name: "blob/empty", in: "blob:", want: "null"},
	// Opaque schemes.
	{name: "opaque/data", in: "data:,x", want: "null"},
	{name: "opaque/about", in: "about:blank", want: "null"},
	{name: "opaque/javascript", in: "javascript:alert(1)", want: "null"},
	{name: "opaque/file", in: "file:///x", want: "null"},
	{name: "opaque/file-host", in: "file://host/x", want: "null"},
	{name: "opaque/file-bad-host", in: "file://a b/x", part: "domain"},
	{name: "opaque/custom", in: "foo://bar", want: "null"},
	{name: "opaque/custom-bad-host", in: "foo://a b/", part: "host"},
	{name: "opaque/custom-at-no-host", in: "sc://@/", part: "host"},
	{name: "opaque/custom-port-no-host", in: "sc://:12/", part: "host"},
	{name: "opaque/custom-bad-port", in: "sc://a:b/", part: "port"},
	{name: "opaque/custom-ipv6", in: "sc://[::1]/", want: "null"},
	{name: "opaque/custom-bad-ipv6", in: "sc://[::1/", part: "ipv6"},
	{name: "opaque/mailto", in: "mailto:a@b.test", want: "null"},
	// Adversarial input.
	{name: "adversarial/1MiB-host", in: "https://" + strings.Repeat("a", 1<<20) + "/", want: "https://" + strings.Repeat("a", 1<<20)},
	{name: "adversarial/1MiB-path", in: "https://a.test/" + strings.Repeat("x", 1<<20), want: "https://a.test"},
	{name: "adversarial/10000-dots", in: "https://" + strings.Repeat(".", 10000) + "/", want: "https://" + strings.Repeat(".", 10000)},
	{name: "adversarial/10000-labels-number", in: "https://" + strings.Repeat("a.", 10000) + "1/", part: "ipv4"},
	{name: "adversarial/10000-commas", in: "https://a.test/" + strings.Repeat(",", 10000), want: "https://a.test"},
	{name: "adversarial/10000-at", in: "https://" + strings.Repeat("@", 10000) + "a.test/", want: "https://a.test"},
	{name: "adversarial/10000-colons", in: "https://a" + strings.Repeat(":", 10000) + "/", part: "port"},
	{name: "adversarial/10000-brackets", in: "https://" + strings.Repeat("[", 10000) + "/", part: "ipv6"},
	{name: "adversarial/control-bytes", in: "https://a.test/\x01\x02\x03?\x04#\x05", want: "https://a.test"},
	{name: "adversarial/nul-in-host", in: "https://a\x00b/", part: "domain"},
	{name: "adversarial/invalid-utf8-path", in: "https://a.test/\xff\xfe", want: "https://a.test"},
	{name: "adversarial/lone-surrogate-utf8", in: "https://a.test/\xed\xa0\x80", want: "https://a.test"},
	{name: "adversarial/huge-port-digits", in: "https://a.test:" + strings.Repeat("9", 100000) + "/", part: "port"},
	{name: "adversarial/huge-zero-port", in: "https://a.test:" + strings.Repeat("0", 100000) + "443/", want: "https://a.test"},
	{name: "adversarial/10000-percent", in: "https://" + strings.Repeat("%", 10000) + "/", part: "domain"},
	{name: "adversarial/10000-dot-segments", in: "https://a.test/" + strings.Repeat("../", 10000), want: "https://a.test"},
}

func TestParse(t *testing.T) {
	for _, tc := range parseTests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := origin.Parse(tc.in)
			u, uerr := origin.ParseURL(tc.in)
			if tc.part != "" {
				if err == nil || uerr == nil {
					t.Fatalf("Parse = %q, %v; ParseURL = %q, %v; want failure in %s", short(o.String()), err, short(u.String()), uerr, tc.part)
				}
				var pe *origin.ParseError
				if !errors.As(err, &pe) || pe.Part != tc.part {
					t.Fatalf("Parse error %v; want part %q", err, tc.part)
				}
				if !strings.HasPrefix(err.Error(), "corsim: ") || !strings.Contains(err.Error(), tc.part) {
					t.Errorf("error text %q lacks the prefix or the part", err.Error())
				}
				if o.IsValid() || u.IsValid() {
					t.Errorf("failed parse returned a valid value")
				}
				return
			}
			if err != nil || uerr != nil {
				t.Fatalf("Parse: %v; ParseURL: %v; want %q", err, uerr, short(tc.want))
			}
			if got := o.String(); got != tc.want {
				t.Errorf("Parse(...).String() = %q; want %q", short(got), short(tc.want))
			}
			if got := u.Origin().String(); got != tc.want {
				t.Errorf("ParseURL(...).Origin().String() = %q; want %q", short(got), short(tc.want))
			}
			if tc.want == "null" {
				if !o.IsOpaque() || o == u.Origin() || o == origin.MustParse(tc.in) {
					t.Errorf("opaque origins must be new each time")
				}
			} else if o != u.Origin() {
				t.Errorf("Parse and ParseURL(...).Origin() differ: %#v vs %#v", o, u.Origin())
			}
		})
	}
}

// short abbreviates long strings in failure messages.
func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
