package algorithm

import "testing"

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
		{raw: "https://example.com/a b"}, // no space in the host
		{raw: "https:// /"},              // a host of spaces only
		{raw: "https://u@exa mple.com/"}, // userinfo: Chromium throws for credentials anyway
		{raw: "https://a!b c/"},          // holds the stand-in character
		{raw: "https://é b/"},            // non-ASCII host: IDNA is not modelled with a space
		{raw: "ftp://a b/"},              // not http(s)
		{raw: "//a b/"},                  // scheme-relative
		{raw: "https://a b:99999/"},      // fails for another reason
		{raw: "https://a<b c/"},          // a forbidden host code point besides the space
		{raw: "https://a b%zz/"},         // bad percent-encoding in the host
		{raw: "https://[::1 ]/"},         // an IPv6 literal
		{raw: "not a url"},
	}
	for _, tt := range tests {
		esc, stand, ok := escapeSpaceInHost(tt.raw)
		if ok != tt.ok || esc != tt.escaped {
			t.Errorf("escapeSpaceInHost(%q) = %q, %v; want %q, %v", tt.raw, esc, ok, tt.escaped, tt.ok)
		}
		if ok && !stand.IsValid() {
			t.Errorf("escapeSpaceInHost(%q): stand-in URL is not valid", tt.raw)
		}
	}
}
