// Package grammar parses the header values that the CORS machinery reads, by
// the grammars of the standards: the Access-Control-* response headers, the
// MIME type of Content-Type, the single byte range of Range, the
// comma-splitting of Fetch, and the token and whitespace rules under them.
// It is the plumbing of packages fetchmode, algorithm and cache, not part of
// corsim's public API.
//
// The Access-Control-* grammars (Fetch §http-new-header-syntax):
// [AppendTokenList] for the #method and #field-name lists of -Allow-Methods,
// -Allow-Headers, -Expose-Headers and -Request-Headers; [ParseMaxAge] for
// delta-seconds; [IsAllowCredentialsTrue]; and [ParseAllowOrigin], with
// [ClassifyAllowOrigin] its non-allocating twin, for origin-or-null /
// wildcard. [ParseMIMEType] and [ParseEssence] implement MIME Sniffing
// §parse-a-mime-type, [ParseSingleRange] and [ScanSingleRange] Fetch
// §simple-range-header-value, and [DecodeSplit] with its [Splitter] Fetch
// §header-value-get-decode-and-split.
//
// Values are byte strings, as in Fetch: a value is never decoded as UTF-8,
// and the "isomorphic decode" the standard asks for before some parsers is
// the identity on these bytes. Every parser runs in time linear in its input,
// including a megabyte of commas or whitespace, never panics, and allocates
// only for what it returns: the list and token scanners return substrings of
// their input. A value that does not match its grammar is a [*ListError]
// naming the header, the offending part and a stable reason; a missing
// Access-Control-Max-Age also matches [ErrAbsent].
package grammar
