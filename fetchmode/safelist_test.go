package fetchmode

import (
	"math"
	"strings"
	"testing"
)

// Variants under test.
var (
	spec     = Safelist{}
	chromium = Safelist{ClientHints: true, RangeMax: math.MaxInt64 - 1}
)

func TestIsSafelisted(t *testing.T) {
	tests := []struct {
		name, header, value string
		spec, chromium      bool
	}{
		// Length, Fetch §cors-safelisted-request-header step 1.
		{name: "accept 128 bytes", header: "Accept", value: repeat("a", 128), spec: true, chromium: true},
		{name: "accept 129 bytes", header: "Accept", value: repeat("a", 129)},
		{name: "accept 1 MiB", header: "Accept", value: mibToken},
		{name: "accept-language 128 bytes", header: "Accept-Language", value: repeat("e", 128), spec: true, chromium: true},
		{name: "accept-language 129 bytes", header: "Accept-Language", value: repeat("e", 129)},
		{name: "content-type 128 bytes", header: "Content-Type", value: "text/plain;a=" + repeat("b", 115), spec: true, chromium: true},
		{name: "content-type 129 bytes", header: "Content-Type", value: "text/plain;a=" + repeat("b", 116)},
		{name: "dpr 129 digits", header: "DPR", value: repeat("1", 129)},
		{name: "intervention 129 bytes", header: "Intervention", value: repeat("x", 129)},
		// accept.
		{name: "accept */*", header: "accept", value: "*/*", spec: true, chromium: true},
		{name: "accept name upper case", header: "ACCEPT", value: "text/html", spec: true, chromium: true},
		{name: "accept empty", header: "Accept", value: "", spec: true, chromium: true},
		{name: "accept tab ok", header: "Accept", value: "a\tb", spec: true, chromium: true},
		{name: "accept high bytes ok", header: "Accept", value: highBytes, spec: true, chromium: true},
		{name: "accept invalid UTF-8 ok", header: "Accept", value: invalidU8, spec: true, chromium: true},
		{name: "accept quote", header: "Accept", value: `"`},
		{name: "accept NUL", header: "Accept", value: "a\x00"},
		{name: "accept LF", header: "Accept", value: "a\nb"},
		{name: "accept DEL", header: "Accept", value: "a\x7f"},
		{name: "accept colon", header: "Accept", value: "a:b"},
		{name: "accept braces", header: "Accept", value: "{}"},
		{name: "accept at", header: "Accept", value: "a@b"},
		{name: "accept question", header: "Accept", value: "a?"},
		{name: "accept comma semicolon equals slash", header: "Accept", value: "a/b;q=1,c", spec: true, chromium: true},
		// accept-language and content-language.
		{name: "accept-language list", header: "Accept-Language", value: "en-US,en;q=0.9, *", spec: true, chromium: true},
		{name: "content-language", header: "content-language", value: "de-DE", spec: true, chromium: true},
		{name: "accept-language empty", header: "Accept-Language", value: "", spec: true, chromium: true},
		{name: "accept-language control byte", header: "Accept-Language", value: "\x01"},
		{name: "accept-language at", header: "Accept-Language", value: "@"},
		{name: "accept-language tab", header: "Accept-Language", value: "en\tfr"},
		{name: "accept-language underscore", header: "Accept-Language", value: "en_US"},
		{name: "accept-language high byte", header: "Content-Language", value: "caf\xe9"},
		{name: "accept-language slash", header: "Content-Language", value: "a/b"},
		// content-type.
		{name: "content-type TEXT/Plain;charset=UTF-8", header: "Content-Type", value: "TEXT/Plain;charset=UTF-8", spec: true, chromium: true},
		{name: "content-type quoted charset", header: "Content-Type", value: `text/plain; charset="utf-8"`},
		{name: "content-type text/plain garbage", header: "Content-Type", value: "text/plain garbage"},
		{name: "content-type text/plain;", header: "Content-Type", value: "text/plain;", spec: true, chromium: true},
		{name: "content-type urlencoded", header: "content-type", value: "application/x-www-form-urlencoded", spec: true, chromium: true},
		{name: "content-type multipart", header: "Content-Type", value: "multipart/form-data; boundary=----x", spec: true, chromium: true},
		{name: "content-type json", header: "Content-Type", value: "application/json"},
		{name: "content-type text/html", header: "Content-Type", value: "text/html"},
		{name: "content-type surrounding whitespace", header: "Content-Type", value: " text/plain ", spec: true, chromium: true},
		{name: "content-type space before slash", header: "Content-Type", value: "text /plain"},
		{name: "content-type space after slash", header: "Content-Type", value: "text/ plain"},
		{name: "content-type space before semicolon", header: "Content-Type", value: "text/plain ;x=y", spec: true, chromium: true},
		{name: "content-type bad parameter ignored", header: "Content-Type", value: "text/plain;;;=;x", spec: true, chromium: true},
		{name: "content-type two types", header: "Content-Type", value: "text/plain, application/json"},
		{name: "content-type no subtype", header: "Content-Type", value: "text/"},
		{name: "content-type no slash", header: "Content-Type", value: "text"},
		{name: "content-type empty", header: "Content-Type", value: ""},
		{name: "content-type wildcard", header: "Content-Type", value: "*/*"},
		{name: "content-type unsafe in parameter", header: "Content-Type", value: "text/plain; a=(b)"},
		{name: "content-type high bytes in parameter", header: "Content-Type", value: "text/plain;a=\xe9", spec: true, chromium: true},
		{name: "content-type DEL", header: "Content-Type", value: "text/plain\x7f"},
		{name: "content-type vertical tab", header: "Content-Type", value: "text/plain\v"},
		// range.
		{name: "range bytes=0-", header: "Range", value: "bytes=0-", spec: true, chromium: true},
		{name: "range bytes=0-499", header: "range", value: "bytes=0-499", spec: true, chromium: true},
		{name: "range bytes=5-5", header: "Range", value: "bytes=5-5", spec: true, chromium: true},
		{name: "range suffix bytes=-500", header: "Range", value: "bytes=-500"},
		{name: "range space after =", header: "Range", value: "bytes= 0-1"},
		{name: "range two ranges", header: "Range", value: "bytes=0-1,2-3"},
		{name: "range no equals", header: "Range", value: "bytes 0-"},
		{name: "range upper case unit", header: "Range", value: "BYTES=0-"},
		{name: "range start after end", header: "Range", value: "bytes=5-4"},
		{name: "range no numbers", header: "Range", value: "bytes=-"},
		{name: "range other unit", header: "Range", value: "items=0-"},
		{name: "range trailing garbage", header: "Range", value: "bytes=0-1x"},
		{name: "range empty", header: "Range", value: ""},
		// Chromium refuses a bound of math.MaxInt64 and above (probe-safelist-range-*).
		{name: "range int64 max minus 1", header: "Range", value: "bytes=9223372036854775806-", spec: true, chromium: true},
		{name: "range int64 max", header: "Range", value: "bytes=9223372036854775807-", spec: true},
		{name: "range beyond int64", header: "Range", value: "bytes=9223372036854775808-", spec: true},
		{name: "range huge start and end", header: "Range", value: "bytes=" + repeat("9", 60) + "-" + repeat("9", 61), spec: true},
		{name: "range huge start after end", header: "Range", value: "bytes=" + repeat("9", 61) + "-" + repeat("9", 60)},
		{name: "range leading zeros", header: "Range", value: "bytes=007-10", spec: true, chromium: true},
		// Names outside the standard list.
		{name: "empty name", header: "", value: "x"},
		{name: "custom header", header: "X-Custom", value: "1"},
		{name: "authorization", header: "Authorization", value: "Basic x"},
		{name: "last-event-id", header: "Last-Event-ID", value: "1"},
		{name: "user-agent", header: "User-Agent", value: "x"},
		{name: "name with NUL", header: "accept\x00", value: "x"},
		{name: "Kelvin sign name", header: "\u212accept", value: "x"},
		{name: "1 MiB name", header: mibToken, value: "x"},
		// Chromium's extra names (cors.cc IsCorsSafelistedHeader).
		{name: "intervention", header: "Intervention", value: "<https://x>; level=warning", chromium: true},
		{name: "dpr 2", header: "DPR", value: "2", chromium: true},
		{name: "dpr 1.5", header: "dpr", value: "1.5", chromium: true},
		{name: "dpr abc", header: "DPR", value: "abc"},
		{name: "dpr trailing dot", header: "DPR", value: "2."},
		{name: "dpr leading dot", header: "DPR", value: ".5"},
		{name: "dpr two dots", header: "DPR", value: "1.2.3"},
		{name: "dpr empty", header: "DPR", value: ""},
		{name: "device-memory 0.5", header: "Device-Memory", value: "0.5", chromium: true},
		{name: "downlink 10.25", header: "Downlink", value: "10.25", chromium: true},
		{name: "width 800", header: "Width", value: "800", chromium: true},
		{name: "width 8.5", header: "Width", value: "8.5"},
		{name: "viewport-width 1024", header: "Viewport-Width", value: "1024", chromium: true},
		{name: "viewport-width negative", header: "Viewport-Width", value: "-1"},
		{name: "rtt 50", header: "RTT", value: "50", chromium: true},
		{name: "rtt empty", header: "rtt", value: ""},
		{name: "ect 4g", header: "ECT", value: "4g", chromium: true},
		{name: "ect slow-2g", header: "ect", value: "slow-2g", chromium: true},
		{name: "ect 4G case-sensitive", header: "ECT", value: "4G"},
		{name: "ect 5g", header: "ECT", value: "5g"},
		{name: "save-data on", header: "Save-Data", value: "on", chromium: true},
		{name: "save-data ON", header: "Save-Data", value: "ON", chromium: true},
		{name: "save-data off", header: "Save-Data", value: "off"},
		{name: "sec-ch-ua left out", header: "Sec-CH-UA", value: `"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spec.IsSafelisted(tt.header, tt.value); got != tt.spec {
				t.Errorf("spec: got %v", got)
			}
			if got := IsCORSSafelistedRequestHeader(tt.header, tt.value); got != tt.spec {
				t.Errorf("IsCORSSafelistedRequestHeader: got %v", got)
			}
			if got := chromium.IsSafelisted(tt.header, tt.value); got != tt.chromium {
				t.Errorf("chromium: got %v", got)
			}
			if got := (Safelist{NoTotalLimit: true}).IsSafelisted(tt.header, tt.value); got != tt.spec {
				t.Errorf("NoTotalLimit changes a single entry: got %v", got)
			}
		})
	}
}

// TestRangeMax checks the bound at and around each browser's largest Range number, with leading
// zeros, in the start and in the end (probe-safelist-range-*: Chromium refuses 2^63-1, Firefox and
// WebKit 2^64).
func TestRangeMax(t *testing.T) {
	tests := []struct {
		value            string
		chromium, uint64 bool
	}{
		{"bytes=9223372036854775806-", true, true},
		{"bytes=9223372036854775807-", false, true},
		{"bytes=0-9223372036854775807", false, true},
		{"bytes=18446744073709551615-", false, true},
		{"bytes=0-18446744073709551615", false, true},
		{"bytes=18446744073709551616-", false, false},
		{"bytes=0-18446744073709551616", false, false},
		{"bytes=99999999999999999999-", false, false},
		{"bytes=0000000000000000000000000018446744073709551615-", false, true},
		{"bytes=1-0", false, false},
	}
	for _, tt := range tests {
		if got := (Safelist{RangeMax: math.MaxInt64 - 1}).IsSafelisted("Range", tt.value); got != tt.chromium {
			t.Errorf("RangeMax MaxInt64-1, %s: got %v", tt.value, got)
		}
		if got := (Safelist{RangeMax: math.MaxUint64}).IsSafelisted("Range", tt.value); got != tt.uint64 {
			t.Errorf("RangeMax MaxUint64, %s: got %v", tt.value, got)
		}
	}
}

func TestIsCORSUnsafeRequestHeaderByte(t *testing.T) {
	const unsafe = "\"():<>?@[\\]{}\x7f"
	for b := 0; b < 256; b++ {
		want := (b < 0x20 && b != '\t') || strings.IndexByte(unsafe, byte(b)) >= 0
		if got := IsCORSUnsafeRequestHeaderByte(byte(b)); got != want {
			t.Errorf("byte %#02x: got %v, want %v", b, got, want)
		}
	}
}

func TestIsSafelistedDoesNotAllocate(t *testing.T) {
	entries := [][2]string{
		{"Content-Type", "TEXT/Plain;charset=UTF-8"},
		{"Range", "bytes=0-499"},
		{"Accept-Language", "en-US,en;q=0.9"},
		{"X-CSRF-Token", "abc"},
		{"DPR", "2.0"},
	}
	for _, v := range []Safelist{spec, chromium} {
		allocs := testing.AllocsPerRun(100, func() {
			for _, e := range entries {
				v.IsSafelisted(e[0], e[1])
			}
		})
		if allocs != 0 {
			t.Errorf("%+v: IsSafelisted allocates %v times", v, allocs)
		}
	}
}
