package origin

import (
	"strconv"
	"strings"
	"sync/atomic"
)

// Origin is a web origin (HTML §concept-origin): either a tuple of scheme,
// host and port, or an opaque origin. It is a small comparable value: use it
// as a map key and compare it with ==, which is HTML §same-origin. The zero
// value is not a valid origin.
//
// A tuple origin stores its ASCII serialization, so [Origin.String] does not
// allocate. Only the special schemes http, https, ws, wss and ftp produce
// tuple origins from [Parse]; file and every other scheme produce opaque
// origins.
type Origin struct {
	// s is the ASCII serialization of a tuple origin (HTML
	// §ascii-serialisation-of-an-origin); "" for opaque and invalid origins.
	s string
	// id identifies an opaque origin; 0 for tuple and invalid origins.
	id uint64
	// hostEnd is the index in s just past the serialized host.
	hostEnd uint32
	// port is the port when hasPort is true.
	port    uint16
	hasPort bool
	// schemeLen is the length of the scheme at the start of s.
	schemeLen uint8
}

// opaqueCounter hands out opaque origin identities; 0 is never used.
var opaqueCounter atomic.Uint64

// NewOpaque returns a new opaque origin (HTML §concept-origin-opaque), equal
// only to itself and to its copies. It serializes as "null".
func NewOpaque() Origin {
	return Origin{id: opaqueCounter.Add(1)}
}

// makeTuple builds a tuple origin from its serialization s, the scheme
// length and the port. s must be scheme "://" host [":" port].
func makeTuple(s string, schemeLen int, port uint16, hasPort bool) Origin {
	hostEnd := len(s)
	if hasPort {
		hostEnd -= 1 + decimalLen(port)
	}
	return Origin{s: s, hostEnd: uint32(hostEnd), port: port, hasPort: hasPort, schemeLen: uint8(schemeLen)}
}

// decimalLen is the number of decimal digits of p.
func decimalLen(p uint16) int {
	switch {
	case p >= 10000:
		return 5
	case p >= 1000:
		return 4
	case p >= 100:
		return 3
	case p >= 10:
		return 2
	}
	return 1
}

// IsValid reports whether o is a tuple or opaque origin, rather than the
// zero Origin.
func (o Origin) IsValid() bool { return o.s != "" || o.id != 0 }

// IsOpaque reports whether o is an opaque origin.
func (o Origin) IsOpaque() bool { return o.id != 0 }

// Scheme returns the scheme of a tuple origin, in lowercase; "" when o is
// opaque or invalid.
func (o Origin) Scheme() string { return o.s[:o.schemeLen] }

// Host returns the serialized host of a tuple origin (URL
// §concept-host-serializer): a domain in lowercase ASCII, an IPv4 address in
// dotted decimal, or an IPv6 address in brackets such as "[::1]". It returns
// "" when o is opaque or invalid.
func (o Origin) Host() string {
	if o.s == "" {
		return ""
	}
	return o.s[int(o.schemeLen)+len("://") : o.hostEnd]
}

// Port returns the port of a tuple origin. ok is false when the port is null,
// which is the case for the scheme's default port, and when o is opaque or
// invalid.
func (o Origin) Port() (port uint16, ok bool) { return o.port, o.hasPort }

// String returns the ASCII serialization of o (HTML
// §ascii-serialisation-of-an-origin): scheme "://" host [":" port] for a tuple
// origin, "null" for an opaque origin and "" for the zero Origin.
func (o Origin) String() string {
	if o.id != 0 {
		return "null"
	}
	return o.s
}

// AppendTo appends the serialization of o, as returned by [Origin.String],
// to b and returns the extended buffer.
func (o Origin) AppendTo(b []byte) []byte {
	if o.id != 0 {
		return append(b, "null"...)
	}
	return append(b, o.s...)
}

// MarshalText implements [encoding.TextMarshaler]. It returns the
// serialization of o; the zero Origin marshals as empty text.
func (o Origin) MarshalText() ([]byte, error) {
	return o.AppendTo(make([]byte, 0, len(o.s)+len("null"))), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseSerialized].
// Empty text yields the zero Origin; "null" yields a new opaque origin.
func (o *Origin) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*o = Origin{}
		return nil
	}
	p, err := ParseSerialized(string(b))
	if err != nil {
		return err
	}
	*o = p
	return nil
}

// GoString returns a Go-syntax-like description of o for %#v.
func (o Origin) GoString() string {
	switch {
	case o.id != 0:
		return "origin.NewOpaque()"
	case o.s == "":
		return "origin.Origin{}"
	}
	return "origin.MustParse(" + strconv.Quote(o.s) + ")"
}

// isTrustworthy is Secure Contexts §is-origin-trustworthy.
func isTrustworthy(o Origin) bool {
	// Step 1: opaque (and invalid) origins are not trustworthy.
	if o.s == "" {
		return false
	}
	// Step 3.
	scheme := o.Scheme()
	if scheme == "https" || scheme == "wss" {
		return true
	}
	// Step 4: 127.0.0.0/8 and ::1.
	h := o.Host()
	if h == "[::1]" || (strings.HasPrefix(h, "127.") && endsInNumber(h)) {
		return true
	}
	// Step 5: "localhost", "localhost." and names under them.
	name := strings.TrimSuffix(h, ".")
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	// Step 6.
	return scheme == "file"
}
