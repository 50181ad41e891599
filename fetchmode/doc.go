// Package fetchmode holds the vocabulary of the WHATWG Fetch Standard that a
// request is built from and a verdict is read in: the request enums, header
// lists, and the classes of methods and headers that decide whether a request
// needs a CORS preflight.
//
// The enums are [Mode], [Credentials], [Redirect], [Tainting] and
// [CacheMode]. Their zero values are the defaults of fetch(); each has a
// Parse function, String and MarshalText/UnmarshalText with the standard's
// keywords ("no-cors", "include", …), and an unknown keyword is a
// [*KeywordError].
//
// A [HeaderList] is an ordered list of [Header] entries with the standard's
// operations (Fetch §concept-header-list): look-ups ignore ASCII case,
// duplicates are kept, and [HeaderList.Get] joins them with ", ". Names and
// values are byte strings, never decoded as UTF-8.
//
// The classifications answer the standard's questions about one method or
// header: [NormalizeMethod], [IsForbiddenMethod], [IsCORSSafelistedMethod];
// [IsForbiddenRequestHeader], the header a script cannot set;
// [IsCORSSafelistedRequestHeader] and [CORSUnsafeRequestHeaderNames], the
// names a preflight must announce in Access-Control-Request-Headers;
// [IsCORSSafelistedResponseHeaderName], what a CORS response shows to script.
// The standard's rules are the default; [Safelist] carries the few browser
// variations of the safelist (Firefox and WebKit have no 1024-byte total,
// Chromium also safelists some client hints and refuses Range bounds that do
// not fit in an int64).
//
// Everything here is a pure function of its arguments and never panics. The
// functions on the engine's hot path — the safelist ([Safelist.IsSafelisted],
// [Safelist.AppendUnsafeNames]) and the header-list look-ups
// ([HeaderList.Get] with at most one match, [HeaderList.AppendValues]) — do
// not allocate when the caller's buffers have room, and all of them run in
// time linear in their input, a megabyte of commas or whitespace included.
// Each function cites the section it implements, as
// "Fetch §cors-safelisted-request-header".
package fetchmode
