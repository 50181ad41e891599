package origin_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/corsim/corsim/origin"
)

func TestOriginAccessors(t *testing.T) {
	for _, tc := range []struct {
		name, in, scheme, host string
		port                   int // -1 for null
	}{
		{name: "default-port", in: "https://a.test/", scheme: "https", host: "a.test", port: -1},
		{name: "port", in: "http://a.test:8080/", scheme: "http", host: "a.test", port: 8080},
		{name: "port-zero", in: "http://a.test:0/", scheme: "http", host: "a.test", port: 0},
		{name: "ipv6", in: "http://[::1]:81/", scheme: "http", host: "[::1]", port: 81},
		{name: "ipv4", in: "ws://1.2.3.4/", scheme: "ws", host: "1.2.3.4", port: -1},
		{name: "userinfo", in: "ftp://u:p@a.test:2121/", scheme: "ftp", host: "a.test", port: 2121},
		{name: "max-port", in: "wss://a:65535", scheme: "wss", host: "a", port: 65535},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := mp(tc.in)
			if !o.IsValid() || o.IsOpaque() {
				t.Fatalf("IsValid/IsOpaque wrong for %v", o)
			}
			if o.Scheme() != tc.scheme || o.Host() != tc.host {
				t.Errorf("Scheme, Host = %q, %q; want %q, %q", o.Scheme(), o.Host(), tc.scheme, tc.host)
			}
			port, ok := o.Port()
			if (tc.port < 0) == ok || (ok && int(port) != tc.port) {
				t.Errorf("Port() = %d, %v; want %d", port, ok, tc.port)
			}
			want := tc.scheme + "://" + tc.host
			if tc.port >= 0 {
				want += fmt.Sprintf(":%d", tc.port)
			}
			if o.String() != want || string(o.AppendTo([]byte("x"))) != "x"+want {
				t.Errorf("String() = %q; want %q", o.String(), want)
			}
			if g := fmt.Sprintf("%#v", o); g != `origin.MustParse("`+want+`")` {
				t.Errorf("GoString = %s", g)
			}
		})
	}
}

func TestOpaqueAndZero(t *testing.T) {
	a, b := origin.NewOpaque(), origin.NewOpaque()
	if a == b || !a.IsOpaque() || !a.IsValid() || a.String() != "null" {
		t.Errorf("NewOpaque: %#v %#v", a, b)
	}
	c := a
	if c != a || !origin.SameOrigin(a, c) {
		t.Error("copies of an opaque origin differ")
	}
	if a.Scheme() != "" || a.Host() != "" || a.RegistrableDomain() != "" {
		t.Error("opaque origin has parts")
	}
	if _, ok := a.Port(); ok {
		t.Error("opaque origin has a port")
	}
	if fmt.Sprintf("%#v", a) != "origin.NewOpaque()" {
		t.Errorf("GoString = %#v", a)
	}
	var z origin.Origin
	if z.IsValid() || z.IsOpaque() || z.String() != "" || z.Scheme() != "" || z.Host() != "" || len(z.AppendTo(nil)) != 0 {
		t.Error("zero Origin is not empty")
	}
	if fmt.Sprintf("%#v", z) != "origin.Origin{}" {
		t.Errorf("GoString = %#v", z)
	}
	if text, err := z.MarshalText(); err != nil || len(text) != 0 {
		t.Errorf("zero MarshalText = %q, %v", text, err)
	}
}

func TestOpaqueConcurrent(t *testing.T) {
	const n = 1000
	var mu sync.Mutex
	seen := map[origin.Origin]bool{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range n {
				o := origin.NewOpaque()
				mu.Lock()
				if seen[o] {
					t.Error("duplicate opaque origin")
				}
				seen[o] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func TestMapKey(t *testing.T) {
	m := map[origin.Origin]int{}
	m[mp("https://a.test")]++
	m[mp("HTTPS://A.TEST:443/x")]++
	m[mp("https://a.test:8443")]++
	if len(m) != 2 || m[mp("https://a.test/")] != 2 {
		t.Errorf("map = %v", m)
	}
}

func TestTextMarshaling(t *testing.T) {
	type doc struct {
		Origin origin.Origin `json:"origin"`
	}
	for _, tc := range []struct{ name, in, want string }{
		{name: "tuple", in: `{"origin":"https://a.test:8443"}`, want: `{"origin":"https://a.test:8443"}`},
		{name: "normalized", in: `{"origin":"HTTPS://A.test:443"}`, want: `{"origin":"https://a.test"}`},
		{name: "null", in: `{"origin":"null"}`, want: `{"origin":"null"}`},
		{name: "empty", in: `{"origin":""}`, want: `{"origin":""}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			if err := json.Unmarshal([]byte(tc.in), &d); err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(d)
			if err != nil || string(out) != tc.want {
				t.Errorf("Marshal = %s, %v; want %s", out, err, tc.want)
			}
		})
	}
	var d doc
	err := json.Unmarshal([]byte(`{"origin":"https://a.test/path"}`), &d)
	if err == nil || !strings.Contains(err.Error(), "corsim: origin: path") {
		t.Errorf("Unmarshal of a URL with a path: %v", err)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || !strings.HasPrefix(err.Error(), "corsim: ") {
			t.Errorf("MustParse panicked with %v", r)
		}
	}()
	origin.MustParse("https://a b/")
}

func TestErrorText(t *testing.T) {
	_, err := origin.Parse("https://a.test:" + strings.Repeat("9", 1000))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "corsim: origin: port: ") || len(msg) > 400 || !strings.HasSuffix(msg, `..."`) {
		t.Errorf("error text %q", msg)
	}
	var pe *origin.ParseError
	if _, err := origin.Parse("http://[::1"); err == nil || !asParseError(err, &pe) || pe.Part != "ipv6" || pe.Input != "http://[::1" || pe.Reason == "" {
		t.Errorf("ParseError = %#v", pe)
	}
}

func asParseError(err error, pe **origin.ParseError) bool {
	p, ok := err.(*origin.ParseError)
	*pe = p
	return ok
}

// TestNonASCIIXNLabels checks that the 2026 rule, which only lowercases
// all-ASCII domains, leaves domains with non-ASCII code points to UTS #46,
// where xn-- labels are still validated.
func TestNonASCIIXNLabels(t *testing.T) {
	for _, tc := range []struct{ name, host, want string }{
		{name: "invalid-punycode-with-eszett", host: "xn--a.ß", want: ""},
		{name: "non-ascii-inside-xn-label", host: "xn--tešla", want: ""},
		{name: "valid-punycode-with-eszett", host: "xn--zca.ß", want: "xn--zca.xn--zca"},
		{name: "fullwidth-xn-prefix", host: "ｘｎ--a", want: ""},
		{name: "fullwidth-valid-punycode", host: "ｘｎ--zca", want: "xn--zca"},
		{name: "percent-encoded-non-ascii", host: "xn--a.%C3%9F", want: ""},
		{name: "ascii-invalid-for-contrast", host: "xn--a", want: "xn--a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := origin.ParseURL("https://" + tc.host + "/")
			if tc.want == "" {
				if err == nil {
					t.Errorf("host %q accepted as %q; want failure", tc.host, u.Host())
				}
				return
			}
			if err != nil || u.Host() != tc.want {
				t.Errorf("host %q = %q, %v; want %q", tc.host, u.Host(), err, tc.want)
			}
		})
	}
}
