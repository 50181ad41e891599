package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/weppos/publicsuffix-go/publicsuffix"

	"github.com/corsim/corsim/internal/psl"
)

// TestTableUpToDate checks that internal/psl/table.go is what pslgen writes
// from the publicsuffix-go that go.mod requires.
func TestTableUpToDate(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../internal/psl/table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), have) {
		t.Error("internal/psl/table.go is stale: run `go run . > ../../internal/psl/table.go` in tools/pslgen")
	}
	if psl.Version != publicsuffix.ListVersion {
		t.Errorf("psl.Version = %q; publicsuffix-go has %q", psl.Version, publicsuffix.ListVersion)
	}
}

// TestAgainstPublicsuffixGo compares internal/psl with publicsuffix-go's own
// matcher, which reads the same rules, over hosts derived from every rule
// and a few hundred hosts of random labels.
func TestAgainstPublicsuffixGo(t *testing.T) {
	hosts := map[string]bool{}
	var labels []string
	for _, r := range publicsuffix.DefaultRules() {
		v := r.Value
		labels = append(labels, strings.Split(v, ".")...)
		switch r.Type {
		case publicsuffix.WildcardType:
			// "*" stands for any label; the rule does not match the bare
			// name.
			hosts[v] = true
			v = "w." + v
		case publicsuffix.ExceptionType:
			// The exception's name and its children.
			hosts["c."+v] = true
		}
		hosts[v], hosts["a."+v], hosts["b.a."+v] = true, true, true
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		n := 1 + rng.IntN(5)
		parts := make([]string, n)
		for i := range parts {
			if rng.IntN(4) == 0 {
				parts[i] = randomLabel(rng)
			} else {
				parts[i] = labels[rng.IntN(len(labels))]
			}
		}
		hosts[strings.Join(parts, ".")] = true
	}

	opts := &publicsuffix.FindOptions{IgnorePrivate: false, DefaultRule: publicsuffix.DefaultRule}
	bad := 0
	for h := range hosts {
		suffix := psl.PublicSuffix(h)
		got := registrableDomain(h, suffix)
		want, err := publicsuffix.DomainFromListWithOptions(publicsuffix.DefaultList, h, opts)
		if err != nil {
			// publicsuffix-go fails on a host that is a public suffix
			// itself: it has no registrable domain.
			want = ""
		}
		wantSuffix := h
		if dn, err := publicsuffix.ParseFromListWithOptions(publicsuffix.DefaultList, h, opts); err == nil {
			wantSuffix = dn.TLD
		}
		if got != want || suffix != wantSuffix {
			if bad++; bad <= 20 {
				t.Errorf("%q: psl suffix %q, registrable domain %q; publicsuffix-go %q, %q", h, suffix, got, wantSuffix, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d hosts differ", bad, len(hosts))
	}
	t.Logf("%d hosts compared", len(hosts))
}

// registrableDomain is the public suffix and the label before it, as the
// origin package computes it, or "" when host is a public suffix.
func registrableDomain(host, suffix string) string {
	if len(suffix) >= len(host) {
		return ""
	}
	rest := host[:len(host)-len(suffix)-1]
	return rest[strings.LastIndexByte(rest, '.')+1:] + "." + suffix
}

// randomLabel returns a label of 1 to 12 letters, digits and hyphens.
func randomLabel(rng *rand.Rand) string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789-"
	b := make([]byte, 1+rng.IntN(12))
	for i := range b {
		b[i] = chars[rng.IntN(len(chars))]
	}
	return string(b)
}
