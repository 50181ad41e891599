package grammar

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAllowOrigin(t *testing.T) {
	const bad = AllowOriginKind(255)
	tests := []struct {
		name, in string
		want     AllowOriginKind
	}{
		{name: "wildcard", in: "*", want: AllowOriginWildcard},
		{name: "null", in: "null", want: AllowOriginNull},
		{name: "https", in: "https://example.com", want: AllowOriginSerialized},
		{name: "port", in: "http://localhost:8080", want: AllowOriginSerialized},
		{name: "port 5 digits", in: "http://a:99999", want: AllowOriginSerialized},
		{name: "port leading zero", in: "http://a:080", want: AllowOriginSerialized},
		{name: "scheme with plus dot dash", in: "web+x.y-z://a", want: AllowOriginSerialized},
		{name: "ipv4", in: "http://192.168.0.1", want: AllowOriginSerialized},
		{name: "ipv4 255", in: "http://255.255.255.255:1", want: AllowOriginSerialized},
		{name: "numeric labels are a domain", in: "http://1.2.3.256", want: AllowOriginSerialized},
		{name: "ipv6 loopback", in: "http://[::1]", want: AllowOriginSerialized},
		{name: "ipv6 unspecified", in: "http://[::]:80", want: AllowOriginSerialized},
		{name: "ipv6 full", in: "https://[2001:db8:0:1:1:1:1:1]", want: AllowOriginSerialized},
		{name: "ipv6 compressed middle", in: "https://[2001:db8::1]", want: AllowOriginSerialized},
		{name: "ipv6 trailing compression", in: "https://[fe80::]", want: AllowOriginSerialized},
		{name: "ipv6 zero group uncompressed", in: "http://[1:0:0:0:0:0:0:1]", want: AllowOriginSerialized},
		{name: "hyphen inside label", in: "https://a-b.example", want: AllowOriginSerialized},
		{name: "xn label", in: "https://xn--nxasmq6b.example", want: AllowOriginSerialized},
		{name: "empty", in: "", want: bad},
		{name: "Null", in: "Null", want: bad},
		{name: "NULL", in: "NULL", want: bad},
		{name: "double star", in: "**", want: bad},
		{name: "upper-case scheme", in: "HTTPS://a", want: bad},
		{name: "upper-case host", in: "https://A.example", want: bad},
		{name: "trailing slash", in: "https://a.example/", want: bad},
		{name: "path", in: "https://a.example/x", want: bad},
		{name: "two origins", in: "https://a, https://b", want: bad},
		{name: "space separated", in: "https://a https://b", want: bad},
		{name: "no scheme", in: "a.example", want: bad},
		{name: "scheme starts with digit", in: "1http://a", want: bad},
		{name: "single slash", in: "https:/a", want: bad},
		{name: "empty host", in: "https://", want: bad},
		{name: "empty port", in: "https://a:", want: bad},
		{name: "port 6 digits", in: "https://a:123456", want: bad},
		{name: "port sign", in: "https://a:+1", want: bad},
		{name: "userinfo", in: "https://u@a", want: bad},
		{name: "underscore", in: "https://a_b.example", want: bad},
		{name: "trailing dot", in: "https://a.example.", want: bad},
		{name: "leading hyphen", in: "https://-a.example", want: bad},
		{name: "trailing hyphen", in: "https://a-.example", want: bad},
		{name: "empty label", in: "https://a..b", want: bad},
		{name: "percent", in: "https://a%41", want: bad},
		{name: "ipv4 leading zero is a domain", in: "http://01.2.3.4", want: AllowOriginSerialized},
		{name: "ipv6 upper-case", in: "http://[::A]", want: bad},
		{name: "ipv6 leading zero", in: "http://[::01]", want: bad},
		{name: "ipv6 five digits", in: "http://[::12345]", want: bad},
		{name: "ipv6 seven groups", in: "http://[1:2:3:4:5:6:7]", want: bad},
		{name: "ipv6 nine groups", in: "http://[1:2:3:4:5:6:7:8:9]", want: bad},
		{name: "ipv6 compression of one group", in: "http://[1:2:3::4:5:6:7]", want: bad},
		{name: "ipv6 two compressions", in: "http://[1::2::3]", want: bad},
		{name: "ipv6 triple colon", in: "http://[1:::2]", want: bad},
		{name: "ipv6 trailing colon", in: "http://[1::2:]", want: bad},
		{name: "ipv6 leading colon", in: "http://[:1::2]", want: bad},
		{name: "ipv6 embedded ipv4", in: "http://[::ffff:1.2.3.4]", want: bad},
		{name: "ipv6 unclosed", in: "http://[::1", want: bad},
		{name: "ipv6 garbage after", in: "http://[::1]x", want: bad},
		{name: "ipv6 bad port", in: "http://[::1]:x", want: bad},
		{name: "ipv6 empty", in: "http://[]", want: bad},
		{name: "NUL", in: "https://a\x00", want: bad},
		{name: "high bytes", in: "https://caf\xe9", want: bad},
		{name: "invalid UTF-8", in: "https://" + invalidU8, want: bad},
		{name: "1 MiB host", in: "https://" + mibToken, want: AllowOriginSerialized},
		{name: "1 MiB of commas", in: mibCommas, want: bad},
		{name: "1 MiB scheme", in: mibToken, want: bad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAllowOrigin(tt.in)
			if tt.want == bad {
				var le *ListError
				if !errors.As(err, &le) || le.Header != "Access-Control-Allow-Origin" || !strings.HasPrefix(err.Error(), "corsim: ") {
					t.Errorf("got %v, %v; want a *ListError", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestAllowOriginKindString(t *testing.T) {
	for k, want := range map[AllowOriginKind]string{
		AllowOriginWildcard:   "wildcard",
		AllowOriginNull:       "null",
		AllowOriginSerialized: "serialized",
		3:                     "AllowOriginKind(3)",
	} {
		if got := k.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}

// TestClassifyAllowOrigin checks that ClassifyAllowOrigin agrees with
// ParseAllowOrigin and does not allocate, even on a value that fails.
func TestClassifyAllowOrigin(t *testing.T) {
	for _, v := range []string{"*", "null", "https://a.example", "https://a.example/", "Null", "", "https://a, https://b"} {
		want, err := ParseAllowOrigin(v)
		got, ok := ClassifyAllowOrigin(v)
		if ok != (err == nil) || (ok && got != want) {
			t.Errorf("ClassifyAllowOrigin(%q) = %v, %v; ParseAllowOrigin gives %v, %v", v, got, ok, want, err)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		if _, ok := ClassifyAllowOrigin("https://a.example/"); ok {
			t.Fatal("a path is well-formed")
		}
	})
	if allocs != 0 {
		t.Errorf("allocates %v times", allocs)
	}
}
