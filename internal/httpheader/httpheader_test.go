package httpheader

import (
	"net/http"
	"testing"

	"github.com/corsim/corsim/fetchmode"
	"github.com/google/go-cmp/cmp"
)

func TestConversion(t *testing.T) {
	h := http.Header{
		"X-B":          {"2", "3"},
		"Content-Type": {"text/plain"},
		"X-A":          {"1"},
	}
	want := fetchmode.HeaderList{{Name: "Content-Type", Value: "text/plain"}, {Name: "X-A", Value: "1"}, {Name: "X-B", Value: "2"}, {Name: "X-B", Value: "3"}}
	for i := 0; i < 20; i++ { // map order varies between runs
		if diff := cmp.Diff(want, FromHTTP(h)); diff != "" {
			t.Fatalf("FromHTTP (-want +got):\n%s", diff)
		}
	}
	back := ToHTTP(fetchmode.HeaderList{{Name: "x-b", Value: "2"}, {Name: "content-type", Value: "text/plain"}, {Name: "X-A", Value: "1"}, {Name: "X-B", Value: "3"}})
	if diff := cmp.Diff(h, back); diff != "" {
		t.Errorf("ToHTTP (-want +got):\n%s", diff)
	}
	if got := FromHTTP(nil); len(got) != 0 {
		t.Errorf("FromHTTP(nil) = %v", got)
	}
}
