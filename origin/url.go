package origin

// URL is a parsed absolute URL (URL §concept-url) as a browser holds it. It is
// a small comparable value whose zero value is invalid. The serialization
// (URL §concept-url-serializer) is computed once at parse time, so
// [URL.String] and the other accessors do not allocate.
//
// The origin of a URL is computed at parse time as well: a URL whose origin
// is opaque keeps the same opaque origin for its whole life, and so does every
// copy of it.
type URL struct {
	// href is the URL serializer's output.
	href string
	// origin is URL §concept-url-origin, computed once.
	origin Origin
	// Offsets into href: schemeEnd is the index of the ":" after the scheme;
	// hostStart and hostEnd delimit the serialized host (when flagHost);
	// pathStart is where the path starts; queryStart is the index of "?"
	// (or the end of the path); fragStart is the index of "#" (or len(href)).
	schemeEnd  uint32
	hostStart  uint32
	hostEnd    uint32
	pathStart  uint32
	queryStart uint32
	fragStart  uint32
	port       uint16
	flags      urlFlags
}

// urlFlags records which optional parts a URL has.
type urlFlags uint8

const (
	flagSpecial urlFlags = 1 << iota
	flagHost
	flagPort
	flagCredentials
	flagQuery
	flagFragment
	flagOpaquePath
)

// ParseURL parses raw as an absolute URL with the URL Standard's basic URL
// parser (URL §concept-basic-url-parser) and no base URL. Relative references
// fail; resolve them with [URL.Resolve].
func ParseURL(raw string) (URL, error) {
	return parseURL(raw, nil)
}

// CanParseURL reports whether raw parses as an absolute URL, as the URL
// Standard's URL.canParse(raw) does with no base (URL §dom-url-canparse). It
// does not allocate for input that starts with a serialized origin of a
// special scheme: nothing after such an authority can make parsing fail.
func CanParseURL(raw string) bool {
	if _, ok := matchAuthority(raw); ok && len(raw) <= maxInput {
		return true
	}
	_, err := parseURL(raw, nil)
	return err == nil
}

// MustParseURL is like [ParseURL] but panics when raw cannot be parsed. It is
// meant for tests and package-level constants.
func MustParseURL(raw string) URL {
	u, err := ParseURL(raw)
	if err != nil {
		panic(err)
	}
	return u
}

// Resolve parses ref against the base URL u (URL §concept-basic-url-parser
// with a base), as a browser does for a Location header: ref may be
// absolute, scheme-relative ("//host/path"), path-absolute, path-relative
// (with dot-segment removal), a query ("?q") or a fragment ("#f"). Resolving
// against the zero URL is the same as [ParseURL].
func (u URL) Resolve(ref string) (URL, error) {
	if u.href == "" {
		return parseURL(ref, nil)
	}
	return parseURL(ref, &u)
}

// IsValid reports whether u is a parsed URL rather than the zero URL.
func (u URL) IsValid() bool { return u.href != "" }

// Origin returns the origin of u (URL §concept-url-origin). For URLs with
// opaque origins the same opaque origin is returned every time.
func (u URL) Origin() Origin { return u.origin }

// Scheme returns the scheme of u, in lowercase.
func (u URL) Scheme() string { return u.href[:u.schemeEnd] }

// IsHTTPScheme reports whether the scheme of u is "http" or "https" (Fetch
// §http-scheme).
func (u URL) IsHTTPScheme() bool {
	s := u.Scheme()
	return s == "http" || s == "https"
}

// IsSpecial reports whether the scheme of u is a special scheme (URL
// §special-scheme): ftp, file, http, https, ws or wss.
func (u URL) IsSpecial() bool { return u.flags&flagSpecial != 0 }

// HasCredentials reports whether u has a non-empty username or password
// (URL §include-credentials).
func (u URL) HasCredentials() bool { return u.flags&flagCredentials != 0 }

// Host returns the serialized host of u (URL §concept-host-serializer) for
// URLs with a special scheme. It returns "" for non-special URLs, for URLs
// with an opaque path and for file URLs with an empty host.
func (u URL) Host() string {
	if u.flags&(flagSpecial|flagHost) != flagSpecial|flagHost {
		return ""
	}
	return u.href[u.hostStart:u.hostEnd]
}

// Port returns the port of u. ok is false when the port is null, which
// includes an explicit default port for the scheme (":443" for https).
func (u URL) Port() (port uint16, ok bool) { return u.port, u.flags&flagPort != 0 }

// String returns the serialization of u (URL §concept-url-serializer),
// including any userinfo and fragment. It does not allocate.
func (u URL) String() string { return u.href }

// StringNoFragment returns the serialization of u with "exclude fragment"
// set: the form a Response's URL list and the preflight cache use.
func (u URL) StringNoFragment() string { return u.href[:u.fragStart] }

// Fragment returns the serialized fragment of u without the "#". ok is false
// when the fragment is null, and true for an empty fragment ("x#").
func (u URL) Fragment() (frag string, ok bool) {
	if u.flags&flagFragment == 0 {
		return "", false
	}
	return u.href[u.fragStart+1:], true
}

// Query returns the serialized query of u without the "?". ok is false when
// the query is null, and true for an empty query ("x?").
func (u URL) Query() (q string, ok bool) {
	if u.flags&flagQuery == 0 {
		return "", false
	}
	return u.href[u.queryStart+1 : u.fragStart], true
}

// PathQuery returns the serialized path of u followed by "?" and the query
// when the query is non-null: the request target of an HTTP request.
func (u URL) PathQuery() string { return u.href[u.pathStart:u.fragStart] }

// WithFragment returns a copy of u whose fragment is frag when ok is true,
// or null when ok is false: a Location URL without a fragment takes the
// request's (Fetch §concept-response-location-url step 4). frag is
// percent-encoded with the fragment percent-encode set, so an
// already-serialized fragment is kept as is. The zero URL is returned
// unchanged.
func (u URL) WithFragment(frag string, ok bool) URL {
	if u.href == "" {
		return u
	}
	base := u.href[:u.fragStart]
	if !ok {
		u.href = base
		u.flags &^= flagFragment
		return u
	}
	b := make([]byte, 0, len(base)+1+len(frag))
	b = append(b, base...)
	b = append(b, '#')
	b = appendFragment(b, frag)
	u.href = string(b)
	u.flags |= flagFragment
	return u
}
