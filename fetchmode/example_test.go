package fetchmode_test

import (
	"fmt"
	"math"

	"github.com/corsim/corsim/fetchmode"
)

// A typical fetch() with a JSON body and a CSRF token needs a preflight that
// lists both names, lower-cased and sorted, in Access-Control-Request-Headers.
// The UA-added Accept: */* is safelisted.
func ExampleCORSUnsafeRequestHeaderNames() {
	headers := fetchmode.HeaderList{
		{Name: "Accept", Value: "*/*"},
		{Name: "X-CSRF-Token", Value: "c2VjcmV0"},
		{Name: "Content-Type", Value: "application/json"},
	}
	fmt.Println(fetchmode.CORSUnsafeRequestHeaderNames(headers))
	// Output: [content-type x-csrf-token]
}

// The safelist judges each entry: a quoted charset parameter has a CORS-unsafe
// byte ('"'), so this harmless-looking Content-Type triggers a preflight,
// while the unquoted form does not.
func ExampleIsCORSSafelistedRequestHeader_quotedCharset() {
	fmt.Println(fetchmode.IsCORSSafelistedRequestHeader("Content-Type", `text/plain; charset="utf-8"`))
	fmt.Println(fetchmode.IsCORSSafelistedRequestHeader("Content-Type", "TEXT/Plain;charset=UTF-8"))
	// Output:
	// false
	// true
}

// Chromium safelists some client hints that Firefox and WebKit (and the
// standard) do not, so DPR: 2 needs no preflight in Chromium only.
func ExampleSafelist_chromiumClientHints() {
	headers := fetchmode.HeaderList{{Name: "DPR", Value: "2"}, {Name: "Save-Data", Value: "on"}}
	chromium := fetchmode.Safelist{ClientHints: true, RangeMax: math.MaxInt64 - 1}
	firefox := fetchmode.Safelist{NoTotalLimit: true}
	fmt.Println("chromium:", chromium.AppendUnsafeNames(nil, headers))
	fmt.Println("firefox: ", firefox.AppendUnsafeNames(nil, headers))
	// Output:
	// chromium: []
	// firefox:  [dpr save-data]
}

// Safelisted values count toward a 1024-byte total in the standard and in
// Chromium; past it, every safelisted name becomes unsafe too.
func ExampleSafelist_AppendUnsafeNames_totalLimit() {
	var headers fetchmode.HeaderList
	for i := 0; i < 11; i++ {
		headers.Append("Accept-Language", "en-US,en;q=0.9,"+fmt.Sprintf("%084d", i))
	}
	var buf [4]string // no allocation when the names fit
	fmt.Println(fetchmode.Safelist{}.AppendUnsafeNames(buf[:0], headers))
	fmt.Println(fetchmode.Safelist{NoTotalLimit: true}.AppendUnsafeNames(buf[:0], headers))
	// Output:
	// [accept-language]
	// []
}

// Get joins duplicate headers with ", ", which is why two
// Access-Control-Allow-Origin lines never match an origin.
func ExampleHeaderList_Get() {
	var h fetchmode.HeaderList
	h.Append("Access-Control-Allow-Origin", "https://a.example")
	h.Append("access-control-allow-origin", "https://a.example")
	v, _ := h.Get("Access-Control-Allow-Origin")
	fmt.Printf("%q %v\n", v, h)
	// Output: "https://a.example, https://a.example" [{Access-Control-Allow-Origin https://a.example} {Access-Control-Allow-Origin https://a.example}]
}

// Script cannot set forbidden request-headers; the method-override headers
// are forbidden only when they name a forbidden method.
func ExampleIsForbiddenRequestHeader() {
	fmt.Println(fetchmode.IsForbiddenRequestHeader("Sec-Fetch-Mode", "cors"))
	fmt.Println(fetchmode.IsForbiddenRequestHeader("X-HTTP-Method-Override", "GET"))
	fmt.Println(fetchmode.IsForbiddenRequestHeader("X-HTTP-Method-Override", "get, trace"))
	// Output:
	// true
	// false
	// true
}
