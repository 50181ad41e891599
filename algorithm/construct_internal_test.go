package algorithm

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/origin"
)

func TestEscapeSpaceInHost(t *testing.T) {
	tests := []struct {
		raw, escaped string
		ok           bool
	}{
		{raw: "https://exa mple.com/", escaped: "https://exa%20mple.com/", ok: true},
		{raw: "  HTTP://Exa Mple.COM:8080/p?q#frag ", escaped: "http://exa%20mple.com:8080/p?q", ok: true},
		{raw: "https://a  b/", escaped: "https://a%20%20b/", ok: true},
		{raw: "https://a b.com", escaped: "https://a%20b.com/", ok: true},
		{raw: "https://a b.com:443/", escaped: "https://a%20b.com/", ok: true},
		{raw: "https://exa mple.com/a b", escaped: "https://exa%20mple.com/a%20b", ok: true},
		{raw: `https:\\exa mple.com\x`, escaped: "https://exa%20mple.com/x", ok: true},
		{raw: "https:exa mple.com", escaped: "https://exa%20mple.com/", ok: true},
		{raw: "//exa mple.com/x", escaped: "https://exa%20mple.com/x", ok: true}, // the page's scheme
		{raw: "https://example.com/a b"},                                         // no space in the host
		{raw: "https:// /"},                                                      // a host of spaces only
		{raw: "https://u@exa mple.com/"},                                         // userinfo: Chromium throws for credentials anyway
		{raw: "https://a!b c/"},                                                  // holds the stand-in character
		{raw: "https://a%21 b/"},                                                 // a percent-encoded byte in the host
		{raw: "https://é b/"},                                                    // non-ASCII host: IDNA is not modelled with a space
		{raw: "ftp://a b/"},                                                      // not http(s)
		{raw: "https://a b:99999/"},                                              // fails for another reason
		{raw: "https://a<b c/"},                                                  // a forbidden host code point besides the space
		{raw: "https://a b%zz/"},                                                 // bad percent-encoding in the host
		{raw: "https://[::1 ]/"},                                                 // an IPv6 literal
		{raw: "not a url"},
	}
	for _, tt := range tests {
		esc, stand, ok := escapeSpaceInHost(tt.raw, origin.MustParse("https://page.test"))
		if ok != tt.ok || esc != tt.escaped {
			t.Errorf("escapeSpaceInHost(%q) = %q, %v; want %q, %v", tt.raw, esc, ok, tt.escaped, tt.ok)
		}
		if ok && (!stand.IsValid() || !strings.HasSuffix(stand.Host(), standInSuffix)) {
			t.Errorf("escapeSpaceInHost(%q): stand-in URL %q", tt.raw, stand.String())
		}
	}
}

func TestEscapeSpaceInHostFromOpaqueOrigin(t *testing.T) {
	if _, _, ok := escapeSpaceInHost("https://a b/", origin.NewOpaque()); !ok {
		t.Error("an absolute URL from an opaque origin")
	}
	if _, _, ok := escapeSpaceInHost("//a b/", origin.NewOpaque()); ok {
		t.Error("a scheme-relative URL has no scheme from an opaque origin")
	}
}
