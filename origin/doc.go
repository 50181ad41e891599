// Package origin models web origins and absolute URLs exactly as a browser
// parses them, following the WHATWG URL Standard and the origin and site
// algorithms of the HTML Standard.
//
// [Origin] is a small comparable value, in the spirit of [net/netip.Addr]: it
// can be used as a map key, copied cheaply and compared with ==, and its zero
// value is invalid. An origin is either a tuple (scheme, host, port) or
// opaque; every call to [NewOpaque] returns an origin equal only to itself.
//
// [Parse] returns the origin of an absolute URL (URL §concept-url-origin),
// [ParseSerialized] reads an `Origin` header value or a configured page origin,
// and [ParseURL] returns a parsed [URL] whose serialization, origin and parts
// the CORS engine needs (request URL, redirect targets, response URL, cache
// keys). [URL.Resolve] parses a reference against a base, as for a Location
// header.
//
// Same-origin and same-site decisions ([SameOrigin], [SameSite],
// [SchemelesslySameSite]) follow HTML §same-origin, §same-site and
// §schemelessly-same-site; registrable domains come from the copy of the
// Public Suffix List (https://publicsuffix.org/) compiled into corsim
// (internal/psl), private section included.
//
// # Standards followed
//
// Domains follow the URL Standard as revised in 2026: an all-ASCII domain is
// only ASCII-lowercased (UTS #46 errors on it are ignored, so "xn--a" is a
// valid host); a domain with non-ASCII code points goes through UTS #46
// ToASCII, non-transitional, with CheckHyphens=false, CheckBidi=true,
// CheckJoiners=true, UseSTD3ASCIIRules=false and VerifyDnsLength=false. The
// path percent-encode set includes "^", and in an opaque path the last space
// before "?" or "#" is written "%20". file: URLs, whose origin the standard
// leaves to implementations, get a new opaque origin, so a blob: URL whose
// inner URL is file: is opaque too.
//
// Inputs are Go strings rather than scalar value strings: a byte that does
// not start a valid UTF-8 sequence stands for U+FFFD, so it is written as
// "%EF%BF%BD" in paths, queries and fragments and makes a domain fail.
//
// # Where each algorithm lives
//
//   - parser.go: URL §concept-basic-url-parser clean-up, scheme, no-scheme,
//     relative, authority, host and port states; special schemes.
//   - parser_path.go: path start, path, opaque path, query and fragment
//     states; dot segments and shortening.
//   - parser_file.go: the file, file slash and file host states.
//   - host.go: URL §concept-host-parser, the opaque-host parser and the
//     domain parser (§concept-domain-to-ascii).
//   - ipv4.go, ipv6.go: the IPv4 and IPv6 parsers and serializers.
//   - charsets.go: percent-encode sets, forbidden code points, encoding.
//   - parse_url.go: the URL serializer's output and URL §concept-url-origin.
//   - fastpath.go: zero-copy parsing of input already in serialized form.
//   - parse.go: Parse, ParseSerialized and ParseError.
//   - origin.go, url.go: the Origin and URL values and Secure Contexts
//     §is-origin-trustworthy.
//   - site.go: HTML sites and URL §host-registrable-domain.
//
// No function in this package panics on any input, except the Must helpers,
// which are documented to do so. Errors are of type [*ParseError], whose
// text starts with "corsim: origin: " and names the part that failed.
package origin
