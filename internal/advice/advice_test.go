package advice

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corsim/corsim/algorithm"
)

// engineReasons lists every Reason constant declared in the engine's reason.go, so that a reason
// added to the engine without a fix here fails this test.
func engineReasons(t *testing.T) []algorithm.Reason {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "..", "algorithm", "reason.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var rs []algorithm.Reason
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Reason" {
				continue
			}
			for _, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok {
					rs = append(rs, algorithm.Reason(strings.Trim(lit.Value, `"`)))
				}
			}
		}
	}
	if len(rs) < 30 {
		t.Fatalf("found only %d reasons in reason.go", len(rs))
	}
	return rs
}

func TestEveryReasonHasAFix(t *testing.T) {
	req := algorithm.Request{URL: "https://api.test/x"}
	fallback := Fix("https://app.test", req, &algorithm.Verdict{Outcome: algorithm.NetworkError, Reason: "NoSuchReason"})
	seen := map[string]algorithm.Reason{}
	for _, r := range engineReasons(t) {
		v := &algorithm.Verdict{Outcome: algorithm.NetworkError, Reason: r, FailedParameter: "p"}
		got := Fix("https://app.test", req, v)
		if got == "" || got == fallback {
			t.Errorf("%s has no specific fix", r)
		}
		if prev, dup := seen[got]; dup && !sameFamily(prev, r) {
			t.Errorf("%s and %s share the fix %q", prev, r, got)
		}
		seen[got] = r
	}
	if Fix("https://app.test", req, &algorithm.Verdict{Outcome: algorithm.OK}) != "" {
		t.Error("a successful fetch needs no fix")
	}
}

// sameFamily: the actual-response and preflight twins, and a few reasons with one remedy, share fixes.
func sameFamily(a, b algorithm.Reason) bool {
	trim := func(r algorithm.Reason) string {
		s := strings.TrimPrefix(string(r), "Preflight")
		switch s {
		case "InvalidAllowOriginValue":
			return "AllowOriginMismatch"
		case "CorpNotSameSite":
			return "CorpNotSameOrigin"
		}
		return s
	}
	return trim(a) == trim(b)
}

func TestFixNamesTheHeader(t *testing.T) {
	v := &algorithm.Verdict{Outcome: algorithm.NetworkError, Reason: algorithm.HeaderDisallowedByPreflightResponse, FailedParameter: "x-csrf-token",
		ServerSaw: []algorithm.SentRequest{{Method: "OPTIONS", URL: "https://api.shop.test/cart", Preflight: true}}}
	got := Fix("https://www.shop.test", algorithm.Request{URL: "https://api.shop.test/cart"}, v)
	if !strings.HasPrefix(got, "add x-csrf-token to Access-Control-Allow-Headers in the preflight (OPTIONS) response of https://api.shop.test/cart") {
		t.Errorf("fix = %q", got)
	}
}
