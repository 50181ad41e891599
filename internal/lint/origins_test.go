package lint

import (
	"slices"
	"testing"

	"github.com/corsim/corsim/origin"
)

func TestClassify(t *testing.T) {
	refs := []origin.Origin{origin.MustParse("https://app.example.com"), origin.MustParse("https://api.example.com")}
	tests := []struct {
		origin string
		want   class
	}{
		{"null", classNull},
		{"https://corsim-attacker.test", classArbitrary},
		{"http://app.example.com", classInsecure},
		{"https://app.example.com:8443", classOtherPort},
		{"https://app.example.com.evil.test", classPrefix},
		{"https://app.example.com-evil.test", classPrefix},
		{"https://app.example.com_.evil.test", classSpecial},
		{"https://app.example.com`.evil.test", classSpecial},
		{"https://evilapp.example.com", classSuffix},
		{"https://evilexample.com", classSuffix},
		{"https://appxexample.com", classUnescapedDot},
		{"https://app.examplexcom", classUnescapedDot},
		{"https://example.co", classSubstring},
		{"https://evil.app.example.com", classSubdomain},
		{"https://evil.example.com", classSubdomain},
		{"https://example.com", classSubdomain},
		{"http://evil.example.com", classInsecure},
		{"https://127.0.0.1", classArbitrary},
	}
	for _, tt := range tests {
		o, ok := parsePage(tt.origin)
		if !ok {
			t.Fatalf("%s does not parse", tt.origin)
		}
		if got, _ := classify(o, refs); got != tt.want {
			t.Errorf("classify(%s) = %s, want %s", tt.origin, got.describe(), tt.want.describe())
		}
	}
}

// Every origin TestOrigins derives is classified as what it says it tests, so a server that trusts
// it is reported under the rule meant for it.
func TestTestOriginsClassify(t *testing.T) {
	want := map[string]class{
		"an arbitrary origin":                        classArbitrary,
		"the null origin":                            classNull,
		"the allowed origin over http://":            classInsecure,
		"a prefix look-alike":                        classPrefix,
		"a suffix look-alike":                        classSuffix,
		"a suffix look-alike of the site":            classSuffix,
		"a look-alike for an unescaped dot":          classUnescapedDot,
		"a substring of the allowed host":            classSubstring,
		"a sibling subdomain":                        classSubdomain,
		"a child subdomain":                          classSubdomain,
		"a special character after the allowed host": classSpecial,
		"another port of the allowed host":           classOtherPort,
	}
	ref := "https://app.example.com"
	refs := []origin.Origin{origin.MustParse(ref)}
	got := TestOrigins(ref)
	if len(got) < 25 || got[0].Origin != ref {
		t.Fatalf("TestOrigins(%s) = %v", ref, got)
	}
	seen := map[string]bool{}
	for _, o := range got[1:] {
		seen[o.Why] = true
		k, ok := want[o.Why]
		if !ok {
			t.Errorf("%s: unexpected why %q", o.Origin, o.Why)
			continue
		}
		p, ok := parsePage(o.Origin)
		if !ok {
			t.Errorf("%s (%s) is not an origin", o.Origin, o.Why)
			continue
		}
		if c, _ := classify(p, refs); c != k {
			t.Errorf("%s (%s) classified as %s", o.Origin, o.Why, c.describe())
		}
	}
	for why := range want {
		if !seen[why] {
			t.Errorf("no test origin for %q", why)
		}
	}
}

func TestTestOriginsIPAndInvalid(t *testing.T) {
	got := TestOrigins("http://127.0.0.1:8080")
	var os []string
	for _, o := range got {
		os = append(os, o.Origin)
	}
	want := []string{"http://127.0.0.1:8080", "http://corsim-attacker.test", "null", "http://127.0.0.1:8443"}
	if !slices.Equal(os, want) {
		t.Errorf("got %v, want %v", os, want)
	}
	for _, bad := range []string{"null", "", "app.example.com", "https://app.example.com/path"} {
		if got := TestOrigins(bad); got != nil {
			t.Errorf("TestOrigins(%q) = %v, want nil", bad, got)
		}
	}
}
