package spec_test

import (
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
)

// TestValidatePreflightMaxAge checks PreflightResult.MaxAge under Spec: 5 s when absent or
// unparsable, the value otherwise (Fetch §cors-preflight-fetch-0 steps 7.8–7.10).
func TestValidatePreflightMaxAge(t *testing.T) {
	check := algorithm.PreflightCheck{Origin: pageS, Method: "PUT"}
	cases := []struct {
		name   string
		anchor string
		lines  []string
		want   time.Duration
	}{
		{name: "absent", anchor: "fetch#cors-preflight-fetch-0 step 7.9", lines: nil, want: 5 * time.Second},
		{name: "600", anchor: "fetch#cors-preflight-fetch-0 step 7.8", lines: []string{"600"}, want: 600 * time.Second},
		{name: "1", anchor: "fetch#cors-preflight-fetch-0 step 7.8", lines: []string{"1"}, want: time.Second},
		{name: "86400", anchor: "fetch#cors-preflight-fetch-0 step 7.8", lines: []string{"86400"}, want: 86400 * time.Second},
		{name: "letters", anchor: "fetch#cors-preflight-fetch-0 step 7.9", lines: []string{"abc"}, want: 5 * time.Second},
		{name: "negative", anchor: "fetch#cors-preflight-fetch-0 step 7.9", lines: []string{"-1"}, want: 5 * time.Second},
		{name: "fraction", anchor: "fetch#cors-preflight-fetch-0 step 7.9", lines: []string{"5.5"}, want: 5 * time.Second},
		{name: "two lines", anchor: "fetch#extract-header-list-values step 2", lines: []string{"60", "60"}, want: 5 * time.Second},
		{name: "comma list", anchor: "fetch#cors-preflight-fetch-0 step 7.9", lines: []string{"60, 60"}, want: 5 * time.Second},
		{name: "empty", anchor: "fetch#cors-preflight-fetch-0 step 7.9", lines: []string{""}, want: 5 * time.Second},
		{name: "1 MiB of digits", anchor: "fetch#cors-preflight-fetch-0 step 7.10", lines: []string{strings.Repeat("9", 1<<20)}, want: -1},
	}
	for _, c := range cases {
		runCase(t, c.name, c.anchor, func(t *testing.T) {
			resp := algorithm.Response{Status: 204, Headers: h("Access-Control-Allow-Origin", pageS, "Access-Control-Allow-Methods", "PUT")}
			for _, l := range c.lines {
				resp.Headers = append(resp.Headers, fetchmode.Header{Name: "Access-Control-Max-Age", Value: l})
			}
			res, f := algorithm.ValidatePreflight(algorithm.Spec, check, resp)
			if !f.OK() {
				t.Fatalf("preflight failed: %+v", f)
			}
			if !res.Cacheable {
				t.Errorf("Cacheable = false, want true")
			}
			if c.want >= 0 && res.MaxAge != c.want {
				t.Errorf("MaxAge = %v, want %v", res.MaxAge, c.want)
			}
			if c.want < 0 && res.MaxAge < 86400*time.Second {
				t.Errorf("MaxAge = %v, want a huge lifetime (no cap in the standard)", res.MaxAge)
			}
		})
	}
}
