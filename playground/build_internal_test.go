package playground

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReleased(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"v0.4.0", true},
		{"v0.0.0-20260101120000-abcdef012345", true},
		{"(devel)", false},
		{"", false},
		{"v0.4.1-0.20260101120000-abcdef012345+dirty", false},
	} {
		if got := released(tc.v); got != tc.want {
			t.Errorf("released(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// In a checkout (and under go test), the engine is built from the checkout itself.
func TestSourceIsThisCheckout(t *testing.T) {
	src, cleanup, err := source()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	wd, _ := os.Getwd()
	if src.dir != filepath.Dir(wd) || len(src.flags) != 0 {
		t.Errorf("source %+v, want the module root %s", src, filepath.Dir(wd))
	}
	if isCorsimModule(wd) || isCorsimModule(t.TempDir()) {
		t.Error("isCorsimModule accepts a directory without corsim's go.mod")
	}
}
