package fetchmode

import "strconv"

// Mode is a request's mode (Fetch §concept-request-mode). The zero value is
// [ModeCORS], the mode fetch(url) uses for a string input.
type Mode uint8

// The request modes. "webtransport" is not modelled.
const (
	ModeCORS       Mode = iota // "cors"
	ModeNoCORS                 // "no-cors"
	ModeSameOrigin             // "same-origin"
	ModeNavigate               // "navigate"
	ModeWebSocket              // "websocket"
)

// Credentials is a request's credentials mode (Fetch
// §concept-request-credentials-mode). The zero value is
// [CredentialsSameOrigin], the default of fetch().
type Credentials uint8

// The credentials modes.
const (
	CredentialsSameOrigin Credentials = iota // "same-origin"
	CredentialsInclude                       // "include"
	CredentialsOmit                          // "omit"
)

// Redirect is a request's redirect mode (Fetch §concept-request-redirect-mode).
// The zero value is [RedirectFollow], the default.
type Redirect uint8

// The redirect modes.
const (
	RedirectFollow Redirect = iota // "follow"
	RedirectError                  // "error"
	RedirectManual                 // "manual"
)

// Tainting is a request's response tainting (Fetch
// §concept-request-response-tainting). The zero value is [TaintingBasic],
// the default.
type Tainting uint8

// The response taintings.
const (
	TaintingBasic  Tainting = iota // "basic"
	TaintingCORS                   // "cors"
	TaintingOpaque                 // "opaque"
)

// CacheMode is a request's cache mode (Fetch §concept-request-cache-mode).
// The zero value is [CacheDefault], the default.
type CacheMode uint8

// The cache modes.
const (
	CacheDefault      CacheMode = iota // "default"
	CacheNoStore                       // "no-store"
	CacheReload                        // "reload"
	CacheNoCache                       // "no-cache"
	CacheForceCache                    // "force-cache"
	CacheOnlyIfCached                  // "only-if-cached"
)

// The keywords, indexed by value. The spellings are the standard's (they are
// also the RequestMode, RequestCredentials, RequestRedirect and RequestCache
// IDL enumeration values).
var (
	modeNames        = []string{"cors", "no-cors", "same-origin", "navigate", "websocket"}
	credentialsNames = []string{"same-origin", "include", "omit"}
	redirectNames    = []string{"follow", "error", "manual"}
	taintingNames    = []string{"basic", "cors", "opaque"}
	cacheModeNames   = []string{"default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"}
)

// enumString returns names[v], or "Type(v)" when v is out of range.
func enumString(typ string, names []string, v uint8) string {
	if int(v) < len(names) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

// enumMarshal is the MarshalText of every enum: the keyword, or an error for
// an out-of-range value.
func enumMarshal(typ string, names []string, v uint8) ([]byte, error) {
	if int(v) < len(names) {
		return []byte(names[v]), nil
	}
	return nil, &KeywordError{Type: typ, Keyword: enumString(typ, names, v), Reason: "value out of range"}
}

// parseEnum finds s among names. Keywords are case-sensitive, as IDL
// enumeration values are.
func parseEnum(typ string, names []string, s string) (uint8, error) {
	if s == "" {
		return 0, &KeywordError{Type: typ, Keyword: s, Reason: "empty keyword"}
	}
	for i, n := range names {
		if s == n {
			return uint8(i), nil
		}
	}
	return 0, &KeywordError{Type: typ, Keyword: s, Reason: "unknown keyword"}
}

// String returns the mode's keyword, e.g. "no-cors", or "Mode(n)".
func (m Mode) String() string { return enumString("Mode", modeNames, uint8(m)) }

// IsValid reports whether m is one of the named modes.
func (m Mode) IsValid() bool { return int(m) < len(modeNames) }

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (m Mode) MarshalText() ([]byte, error) { return enumMarshal("Mode", modeNames, uint8(m)) }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseMode].
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	if err == nil {
		*m = v
	}
	return err
}

// ParseMode returns the mode named by its keyword, e.g. "no-cors".
func ParseMode(s string) (Mode, error) {
	v, err := parseEnum("Mode", modeNames, s)
	return Mode(v), err
}

// String returns the credentials mode's keyword, e.g. "include", or
// "Credentials(n)".
func (c Credentials) String() string { return enumString("Credentials", credentialsNames, uint8(c)) }

// IsValid reports whether c is one of the named credentials modes.
func (c Credentials) IsValid() bool { return int(c) < len(credentialsNames) }

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (c Credentials) MarshalText() ([]byte, error) {
	return enumMarshal("Credentials", credentialsNames, uint8(c))
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseCredentials].
func (c *Credentials) UnmarshalText(b []byte) error {
	v, err := ParseCredentials(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// ParseCredentials returns the credentials mode named by its keyword, e.g.
// "include".
func ParseCredentials(s string) (Credentials, error) {
	v, err := parseEnum("Credentials", credentialsNames, s)
	return Credentials(v), err
}

// String returns the redirect mode's keyword, e.g. "manual", or "Redirect(n)".
func (r Redirect) String() string { return enumString("Redirect", redirectNames, uint8(r)) }

// IsValid reports whether r is one of the named redirect modes.
func (r Redirect) IsValid() bool { return int(r) < len(redirectNames) }

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (r Redirect) MarshalText() ([]byte, error) {
	return enumMarshal("Redirect", redirectNames, uint8(r))
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseRedirect].
func (r *Redirect) UnmarshalText(b []byte) error {
	v, err := ParseRedirect(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ParseRedirect returns the redirect mode named by its keyword, e.g. "error".
func ParseRedirect(s string) (Redirect, error) {
	v, err := parseEnum("Redirect", redirectNames, s)
	return Redirect(v), err
}

// String returns the tainting's keyword, e.g. "opaque", or "Tainting(n)".
func (t Tainting) String() string { return enumString("Tainting", taintingNames, uint8(t)) }

// IsValid reports whether t is one of the named taintings.
func (t Tainting) IsValid() bool { return int(t) < len(taintingNames) }

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (t Tainting) MarshalText() ([]byte, error) {
	return enumMarshal("Tainting", taintingNames, uint8(t))
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseTainting].
func (t *Tainting) UnmarshalText(b []byte) error {
	v, err := ParseTainting(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// ParseTainting returns the response tainting named by its keyword, e.g.
// "cors".
func ParseTainting(s string) (Tainting, error) {
	v, err := parseEnum("Tainting", taintingNames, s)
	return Tainting(v), err
}

// String returns the cache mode's keyword, e.g. "no-store", or "CacheMode(n)".
func (c CacheMode) String() string { return enumString("CacheMode", cacheModeNames, uint8(c)) }

// IsValid reports whether c is one of the named cache modes.
func (c CacheMode) IsValid() bool { return int(c) < len(cacheModeNames) }

// MarshalText implements [encoding.TextMarshaler]; an invalid value is an error.
func (c CacheMode) MarshalText() ([]byte, error) {
	return enumMarshal("CacheMode", cacheModeNames, uint8(c))
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseCacheMode].
func (c *CacheMode) UnmarshalText(b []byte) error {
	v, err := ParseCacheMode(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// ParseCacheMode returns the cache mode named by its keyword, e.g.
// "only-if-cached".
func ParseCacheMode(s string) (CacheMode, error) {
	v, err := parseEnum("CacheMode", cacheModeNames, s)
	return CacheMode(v), err
}
