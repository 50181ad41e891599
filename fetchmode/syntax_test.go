package fetchmode

import "testing"

func TestMethods(t *testing.T) {
	tests := []struct {
		name, in                      string
		method, forbidden, safelisted bool
		normalized                    string
	}{
		{name: "GET", in: "GET", method: true, safelisted: true, normalized: "GET"},
		{name: "get normalizes", in: "get", method: true, normalized: "GET"},
		{name: "HEAD", in: "HEAD", method: true, safelisted: true, normalized: "HEAD"},
		{name: "hEaD normalizes", in: "hEaD", method: true, normalized: "HEAD"},
		{name: "POST", in: "POST", method: true, safelisted: true, normalized: "POST"},
		{name: "post normalizes", in: "post", method: true, normalized: "POST"},
		{name: "delete normalizes", in: "delete", method: true, normalized: "DELETE"},
		{name: "options normalizes", in: "Options", method: true, normalized: "OPTIONS"},
		{name: "put normalizes", in: "put", method: true, normalized: "PUT"},
		{name: "patch keeps case", in: "patch", method: true, normalized: "patch"},
		{name: "PATCH", in: "PATCH", method: true, normalized: "PATCH"},
		{name: "CHICKEN", in: "CHICKEN", method: true, normalized: "CHICKEN"},
		{name: "eGg", in: "eGg", method: true, normalized: "eGg"},
		{name: "CONNECT forbidden", in: "CONNECT", method: true, forbidden: true, normalized: "CONNECT"},
		{name: "connect forbidden", in: "connect", method: true, forbidden: true, normalized: "connect"},
		{name: "TrAcE forbidden", in: "TrAcE", method: true, forbidden: true, normalized: "TrAcE"},
		{name: "track forbidden", in: "track", method: true, forbidden: true, normalized: "track"},
		{name: "TRACKS not forbidden", in: "TRACKS", method: true, normalized: "TRACKS"},
		{name: "star is a token", in: "*", method: true, normalized: "*"},
		{name: "empty", in: "", normalized: ""},
		{name: "space inside", in: "GE T", normalized: "GE T"},
		{name: "trailing space", in: "GET ", normalized: "GET "},
		{name: "NUL", in: "GET\x00", normalized: "GET\x00"},
		{name: "DEL", in: "GET\x7f", normalized: "GET\x7f"},
		{name: "separator", in: "GET/1", normalized: "GET/1"},
		{name: "colon", in: "X:Y", normalized: "X:Y"},
		{name: "high bytes", in: "G\xc9T", normalized: "G\xc9T"},
		{name: "invalid UTF-8", in: invalidU8, normalized: invalidU8},
		{name: "Kelvin sign is not K", in: "TRAC\u212a", normalized: "TRAC\u212a"},
		{name: "1 MiB token", in: mibToken, method: true, normalized: mibToken},
		{name: "1 MiB of NUL", in: mibNulls, normalized: mibNulls},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsMethod(tt.in); got != tt.method {
				t.Errorf("IsMethod = %v", got)
			}
			if got := IsForbiddenMethod(tt.in); got != tt.forbidden {
				t.Errorf("IsForbiddenMethod = %v", got)
			}
			if got := IsCORSSafelistedMethod(tt.in); got != tt.safelisted {
				t.Errorf("IsCORSSafelistedMethod = %v", got)
			}
			if got := NormalizeMethod(tt.in); got != tt.normalized {
				t.Errorf("NormalizeMethod = %.20q", got)
			}
		})
	}
}

func TestHeaderNamesAndValues(t *testing.T) {
	tests := []struct {
		name, in        string
		isName, isValue bool
		normalized      string
	}{
		{name: "empty", in: "", isValue: true, normalized: ""},
		{name: "token", in: "X-Custom", isName: true, isValue: true, normalized: "X-Custom"},
		{name: "every tchar", in: "!#$%&'*+-.^_`|~09AZaz", isName: true, isValue: true, normalized: "!#$%&'*+-.^_`|~09AZaz"},
		{name: "inner space", in: "a b", isValue: true, normalized: "a b"},
		{name: "leading space", in: " a", normalized: "a"},
		{name: "trailing tab", in: "a\t", normalized: "a"},
		{name: "leading LF", in: "\na", normalized: "a"},
		{name: "trailing CR", in: "a\r", normalized: "a"},
		{name: "CRLF inside", in: "a\r\nb", normalized: "a\r\nb"},
		{name: "NUL inside", in: "a\x00b", normalized: "a\x00b"},
		{name: "vertical tab kept", in: "\va\v", isValue: true, normalized: "\va\v"},
		{name: "form feed kept", in: "\fa", isValue: true, normalized: "\fa"},
		{name: "DEL is a value byte", in: "a\x7fb", isValue: true, normalized: "a\x7fb"},
		{name: "colon", in: "a:b", isValue: true, normalized: "a:b"},
		{name: "high bytes", in: highBytes, isValue: true, normalized: highBytes},
		{name: "invalid UTF-8", in: invalidU8, isValue: true, normalized: invalidU8},
		{name: "only whitespace", in: " \t\r\n ", normalized: ""},
		{name: "1 MiB token", in: mibToken, isName: true, isValue: true, normalized: mibToken},
		{name: "1 MiB of spaces", in: mibSpaces, normalized: ""},
		{name: "1 MiB of OWS around x", in: mibOWS + "x" + mibOWS, normalized: "x"},
		{name: "1 MiB of commas", in: mibCommas, isValue: true, normalized: mibCommas},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsHeaderName(tt.in); got != tt.isName {
				t.Errorf("IsHeaderName = %v", got)
			}
			if got := IsHeaderValue(tt.in); got != tt.isValue {
				t.Errorf("IsHeaderValue = %v", got)
			}
			got := NormalizeHeaderValue(tt.in)
			if got != tt.normalized {
				t.Errorf("NormalizeHeaderValue = %.20q", got)
			}
			if tt.isValue && got != tt.in && !IsHeaderValue(got) {
				t.Errorf("normalizing a header value broke it")
			}
		})
	}
}
