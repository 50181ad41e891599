package playground_test

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/playground/report"
)

// Each lesson shows what its text says it shows, under every profile.
func TestPresets(t *testing.T) {
	type want struct {
		outcome    string // of every fetch in every profile
		reason     string
		actualSent bool
	}
	wants := map[string]want{
		"simple-get":               {"ok", "", true},
		"preflighted-put":          {"ok", "", true},
		"wildcard-credentials":     {"network-error", "WildcardOriginNotAllowed", true},
		"missing-allow-headers":    {"network-error", "HeaderDisallowedByPreflightResponse", false},
		"preflight-404":            {"network-error", "PreflightInvalidStatus", false},
		"redirect-taints-origin":   {"network-error", "AllowOriginMismatch", true},
		"max-age-cache":            {"ok", "", true},
		"form-post-reaches-server": {"network-error", "MissingAllowOriginHeader", true},
	}
	presets := loadPresets(t)
	if len(presets) != len(wants) {
		t.Errorf("%d presets, want %d", len(presets), len(wants))
	}
	for _, p := range presets {
		w, ok := wants[p.ID]
		if !ok {
			t.Errorf("preset %q has no expectation here", p.ID)
			continue
		}
		if p.Title == "" || p.Lesson == "" {
			t.Errorf("%s: no title or lesson", p.ID)
		}
		rep := report.Run(p.Scenario)
		if rep.Error != "" {
			t.Errorf("%s: %s", p.ID, rep.Error)
			continue
		}
		for _, pr := range rep.Profiles {
			for i, f := range pr.Fetches {
				if f.Outcome != w.outcome || f.Reason != w.reason || f.ActualSent != w.actualSent {
					t.Errorf("%s, %s, fetch %d: %s %s sent=%v, want %s %s sent=%v", p.ID, pr.Profile, i+1,
						f.Outcome, f.Reason, f.ActualSent, w.outcome, w.reason, w.actualSent)
				}
			}
		}
	}
}

// The redirect lesson is about the tainted origin: the second server sees Origin: null.
func TestPresetRedirectSendsNull(t *testing.T) {
	for _, p := range loadPresets(t) {
		if p.ID != "redirect-taints-origin" {
			continue
		}
		for _, pr := range report.Run(p.Scenario).Profiles {
			sent := pr.Fetches[0].Sent
			if len(sent) != 2 || !strings.Contains(sent[1].URL, "cdn.example") || !hasHeader(sent[1].Headers, "origin", "null") {
				t.Errorf("%s: sent %+v, want the redirect's target asked with Origin: null", pr.Profile, sent)
			}
		}
	}
}

// The Max-Age lesson shows the browsers' caps: after three hours the standard and Firefox still
// have the preflight cached, Chromium (2 h) and WebKit (10 min) send it again.
func TestPresetMaxAgeDiffers(t *testing.T) {
	second := map[string]int{"spec": 1, "chromium": 2, "firefox": 1, "webkit": 2}
	for _, p := range loadPresets(t) {
		if p.ID != "max-age-cache" {
			continue
		}
		for _, pr := range report.Run(p.Scenario).Profiles {
			if n := len(pr.Fetches[1].Sent); n != second[pr.Profile] {
				t.Errorf("%s: the second PUT sent %d requests, want %d", pr.Profile, n, second[pr.Profile])
			}
		}
	}
}

func hasHeader(hs [][2]string, name, value string) bool {
	for _, h := range hs {
		if strings.EqualFold(h[0], name) && h[1] == value {
			return true
		}
	}
	return false
}
