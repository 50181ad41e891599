// Package urloracle drives the differential oracle github.com/nlnwa/whatwg-url
// for corsim's URL and origin tests, and recognizes the documented classes
// of input where that oracle legitimately differs from the current URL
// Standard.
//
// The oracle runs with its default options, which follow the URL Standard
// except in the ways below; a disagreement is excused only when it falls
// precisely in one of them, and [Class] names it:
//
//   - "ascii-xn": it runs UTS #46 ToASCII on all-ASCII domains too (the
//     pre-2026 rule), so an ASCII domain whose xn-- label fails validation
//     is rejected; URL §concept-domain-to-ascii step 5 now only lowercases it.
//   - "std3": it sets UseSTD3ASCIIRules=true, so a non-ASCII domain that
//     also holds "_", "*", "=" and the like is rejected; URL
//     §concept-domain-to-ascii step 6 sets UseSTD3ASCIIRules=false.
//   - "opaque-path-space": it strips trailing spaces from an opaque path
//     (the pre-2025 rule); URL §cannot-be-a-base-url-path-state step 3 now
//     keeps them and writes the last one before "?" or "#" as "%20", which
//     changes the inner URL, and so the origin, of a blob: URL.
//   - "ipv4-sign": it parses IPv4 numbers with strconv.ParseInt, which
//     accepts a leading "+" or "-", so "0x-0" becomes 0.0.0.0; URL
//     §ipv4-number-parser step 7 rejects any character that is not a
//     radix-R digit, so such a host stays a domain. (An oracle bug.)
//
// The package does not import corsim's origin package, whose own tests use
// it: the parser under test comes in as a function that reports its results
// in an [Ours] value.
package urloracle
