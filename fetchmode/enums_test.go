package fetchmode

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// enumCase is one enum value and its keyword.
type enumCase struct {
	name    string
	str     func() string
	valid   bool
	keyword string
}

func TestEnumString(t *testing.T) {
	tests := []enumCase{
		{name: "mode cors", str: ModeCORS.String, valid: ModeCORS.IsValid(), keyword: "cors"},
		{name: "mode no-cors", str: ModeNoCORS.String, valid: ModeNoCORS.IsValid(), keyword: "no-cors"},
		{name: "mode same-origin", str: ModeSameOrigin.String, valid: ModeSameOrigin.IsValid(), keyword: "same-origin"},
		{name: "mode navigate", str: ModeNavigate.String, valid: ModeNavigate.IsValid(), keyword: "navigate"},
		{name: "mode websocket", str: ModeWebSocket.String, valid: ModeWebSocket.IsValid(), keyword: "websocket"},
		{name: "mode out of range", str: Mode(42).String, valid: Mode(42).IsValid(), keyword: "Mode(42)"},
		{name: "credentials same-origin", str: CredentialsSameOrigin.String, valid: CredentialsSameOrigin.IsValid(), keyword: "same-origin"},
		{name: "credentials include", str: CredentialsInclude.String, valid: CredentialsInclude.IsValid(), keyword: "include"},
		{name: "credentials omit", str: CredentialsOmit.String, valid: CredentialsOmit.IsValid(), keyword: "omit"},
		{name: "credentials out of range", str: Credentials(3).String, valid: Credentials(3).IsValid(), keyword: "Credentials(3)"},
		{name: "redirect follow", str: RedirectFollow.String, valid: RedirectFollow.IsValid(), keyword: "follow"},
		{name: "redirect error", str: RedirectError.String, valid: RedirectError.IsValid(), keyword: "error"},
		{name: "redirect manual", str: RedirectManual.String, valid: RedirectManual.IsValid(), keyword: "manual"},
		{name: "redirect out of range", str: Redirect(255).String, valid: Redirect(255).IsValid(), keyword: "Redirect(255)"},
		{name: "tainting basic", str: TaintingBasic.String, valid: TaintingBasic.IsValid(), keyword: "basic"},
		{name: "tainting cors", str: TaintingCORS.String, valid: TaintingCORS.IsValid(), keyword: "cors"},
		{name: "tainting opaque", str: TaintingOpaque.String, valid: TaintingOpaque.IsValid(), keyword: "opaque"},
		{name: "tainting out of range", str: Tainting(9).String, valid: Tainting(9).IsValid(), keyword: "Tainting(9)"},
		{name: "cache default", str: CacheDefault.String, valid: CacheDefault.IsValid(), keyword: "default"},
		{name: "cache no-store", str: CacheNoStore.String, valid: CacheNoStore.IsValid(), keyword: "no-store"},
		{name: "cache reload", str: CacheReload.String, valid: CacheReload.IsValid(), keyword: "reload"},
		{name: "cache no-cache", str: CacheNoCache.String, valid: CacheNoCache.IsValid(), keyword: "no-cache"},
		{name: "cache force-cache", str: CacheForceCache.String, valid: CacheForceCache.IsValid(), keyword: "force-cache"},
		{name: "cache only-if-cached", str: CacheOnlyIfCached.String, valid: CacheOnlyIfCached.IsValid(), keyword: "only-if-cached"},
		{name: "cache out of range", str: CacheMode(6).String, valid: CacheMode(6).IsValid(), keyword: "CacheMode(6)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.str(); got != tt.keyword {
				t.Errorf("String() = %q, want %q", got, tt.keyword)
			}
			if tt.valid == strings.Contains(tt.keyword, "(") {
				t.Errorf("IsValid() = %v for %q", tt.valid, tt.keyword)
			}
		})
	}
}

func TestZeroValuesAreFetchDefaults(t *testing.T) {
	var (
		m Mode
		c Credentials
		r Redirect
		x Tainting
		k CacheMode
	)
	if m != ModeCORS || c != CredentialsSameOrigin || r != RedirectFollow || x != TaintingBasic || k != CacheDefault {
		t.Errorf("zero values = %v %v %v %v %v", m, c, r, x, k)
	}
}

func TestParseEnums(t *testing.T) {
	tests := []struct {
		name, input string
		parse       func(string) (string, error)
		want        string // "" means an error
	}{
		{name: "mode no-cors", input: "no-cors", parse: wrap(ParseMode), want: "no-cors"},
		{name: "mode websocket", input: "websocket", parse: wrap(ParseMode), want: "websocket"},
		{name: "mode empty", input: "", parse: wrap(ParseMode)},
		{name: "mode upper case", input: "CORS", parse: wrap(ParseMode)},
		{name: "mode webtransport unmodelled", input: "webtransport", parse: wrap(ParseMode)},
		{name: "mode trailing space", input: "cors ", parse: wrap(ParseMode)},
		{name: "mode NUL", input: "cors\x00", parse: wrap(ParseMode)},
		{name: "mode invalid UTF-8", input: invalidU8, parse: wrap(ParseMode)},
		{name: "mode 1 MiB", input: mibToken, parse: wrap(ParseMode)},
		{name: "credentials include", input: "include", parse: wrap(ParseCredentials), want: "include"},
		{name: "credentials same-origin", input: "same-origin", parse: wrap(ParseCredentials), want: "same-origin"},
		{name: "credentials empty", input: "", parse: wrap(ParseCredentials)},
		{name: "credentials unknown", input: "always", parse: wrap(ParseCredentials)},
		{name: "redirect manual", input: "manual", parse: wrap(ParseRedirect), want: "manual"},
		{name: "redirect empty", input: "", parse: wrap(ParseRedirect)},
		{name: "redirect unknown", input: "ignore", parse: wrap(ParseRedirect)},
		{name: "tainting opaque", input: "opaque", parse: wrap(ParseTainting), want: "opaque"},
		{name: "tainting empty", input: "", parse: wrap(ParseTainting)},
		{name: "tainting response type", input: "opaqueredirect", parse: wrap(ParseTainting)},
		{name: "cache only-if-cached", input: "only-if-cached", parse: wrap(ParseCacheMode), want: "only-if-cached"},
		{name: "cache empty", input: "", parse: wrap(ParseCacheMode)},
		{name: "cache unknown", input: "no_store", parse: wrap(ParseCacheMode)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(tt.input)
			if tt.want == "" {
				var kerr *KeywordError
				if !errors.As(err, &kerr) || !strings.HasPrefix(err.Error(), "corsim: ") {
					t.Fatalf("got %q, %v; want a *KeywordError", got, err)
				}
				if len(err.Error()) > 200 {
					t.Errorf("error text is %d bytes long", len(err.Error()))
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// wrap adapts a parser to return the keyword of its result.
func wrap[T interface{ String() string }](parse func(string) (T, error)) func(string) (string, error) {
	return func(s string) (string, error) {
		v, err := parse(s)
		return v.String(), err
	}
}

// request is a struct that marshals its enums as JSON text.
type request struct {
	Mode        Mode        `json:"mode"`
	Credentials Credentials `json:"credentials"`
	Redirect    Redirect    `json:"redirect"`
	Tainting    Tainting    `json:"tainting"`
	Cache       CacheMode   `json:"cache"`
}

func TestEnumTextRoundTrip(t *testing.T) {
	in := request{ModeNoCORS, CredentialsInclude, RedirectManual, TaintingOpaque, CacheOnlyIfCached}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"mode":"no-cors","credentials":"include","redirect":"manual","tainting":"opaque","cache":"only-if-cached"}`
	if string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var out request
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("Unmarshal = %+v, %v; want %+v", out, err, in)
	}
}

func TestEnumTextErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func() error
	}{
		{name: "marshal mode 42", run: func() error { _, err := Mode(42).MarshalText(); return err }},
		{name: "marshal credentials 7", run: func() error { _, err := Credentials(7).MarshalText(); return err }},
		{name: "marshal redirect 3", run: func() error { _, err := Redirect(3).MarshalText(); return err }},
		{name: "marshal tainting 3", run: func() error { _, err := Tainting(3).MarshalText(); return err }},
		{name: "marshal cache 6", run: func() error { _, err := CacheMode(6).MarshalText(); return err }},
		{name: "unmarshal mode", run: func() error { var v Mode; return v.UnmarshalText([]byte("bogus")) }},
		{name: "unmarshal credentials", run: func() error { var v Credentials; return v.UnmarshalText(nil) }},
		{name: "unmarshal redirect", run: func() error { var v Redirect; return v.UnmarshalText([]byte("Follow")) }},
		{name: "unmarshal tainting", run: func() error { var v Tainting; return v.UnmarshalText([]byte("\xff")) }},
		{name: "unmarshal cache", run: func() error { var v CacheMode; return v.UnmarshalText([]byte("reload ")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			var kerr *KeywordError
			if !errors.As(err, &kerr) || !strings.HasPrefix(err.Error(), "corsim: fetchmode: ") {
				t.Errorf("got %v, want a *KeywordError", err)
			}
		})
	}
}

func TestUnmarshalLeavesValueOnError(t *testing.T) {
	m := ModeNoCORS
	if err := m.UnmarshalText([]byte("nope")); err == nil || m != ModeNoCORS {
		t.Errorf("m = %v, err = %v", m, err)
	}
}
