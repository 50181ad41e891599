// Package fetchmode holds the vocabulary of the WHATWG Fetch Standard that the
// CORS engine decides with: the request enums (mode, credentials mode,
// redirect mode, response tainting, cache mode), methods, header names and
// values, the header list and its operations, the classes of request and
// response headers (CORS-safelisted, forbidden, no-CORS-safelisted, …) and the
// grammars of the CORS response headers.
//
// Everything here is a pure function of its arguments. The functions on the
// engine's hot path — the safelist decision ([Safelist.IsSafelisted],
// [Safelist.AppendUnsafeNames]), the list grammars ([AppendTokenList],
// [ParseMaxAge], [IsAllowCredentialsTrue]) and the header-list look-ups
// ([HeaderList.Get] with at most one match, [HeaderList.AppendValues]) — do
// not allocate when the caller's buffers have room, and every parser runs in
// time linear in its input, including a megabyte of commas or whitespace.
//
// Header names and values are byte strings, as in Fetch: a value is never
// decoded as UTF-8, and the "isomorphic decode" the standard asks for before
// some parsers is the identity on these bytes (each byte stands for the code
// point of the same number). Name comparisons are byte-case-insensitive
// (ASCII only).
//
// The standard rules are the default. [Safelist] carries the few
// browser-specific variations of the CORS-safelisted request-header rules:
// Firefox and WebKit have no 1024-byte total, Chromium also safelists some
// client-hint headers and refuses Range bounds that do not fit in an int64.
//
// Each function cites the section of the standard it implements, in the form
// "Fetch §cors-safelisted-request-header". No function panics on any input.
// Errors are values whose text starts with "corsim: fetchmode: ": a
// [*KeywordError] for an unknown enum keyword, a [*ListError] for a header
// value that does not match its grammar (with [ErrAbsent] for a missing
// Access-Control-Max-Age).
package fetchmode
