package fetchmode

import "testing"

func TestIsForbiddenRequestHeader(t *testing.T) {
	tests := []struct {
		name, header, value string
		want                bool
	}{
		{name: "accept-charset", header: "Accept-Charset", want: true},
		{name: "accept-encoding", header: "accept-encoding", want: true},
		{name: "ACRH", header: "Access-Control-Request-Headers", want: true},
		{name: "ACRM", header: "ACCESS-CONTROL-REQUEST-METHOD", want: true},
		{name: "connection", header: "Connection", want: true},
		{name: "content-length", header: "Content-Length", want: true},
		{name: "cookie", header: "Cookie", want: true},
		{name: "cookie2", header: "Cookie2", want: true},
		{name: "date", header: "Date", want: true},
		{name: "dnt", header: "DNT", want: true},
		{name: "expect", header: "Expect", want: true},
		{name: "host", header: "Host", want: true},
		{name: "keep-alive", header: "Keep-Alive", want: true},
		{name: "origin", header: "Origin", want: true},
		{name: "referer", header: "Referer", want: true},
		{name: "set-cookie", header: "Set-Cookie", want: true},
		{name: "te", header: "TE", want: true},
		{name: "trailer", header: "Trailer", want: true},
		{name: "transfer-encoding", header: "Transfer-Encoding", want: true},
		{name: "upgrade", header: "Upgrade", want: true},
		{name: "via", header: "Via", want: true},
		{name: "proxy- prefix", header: "Proxy-Authorization", want: true},
		{name: "proxy- alone", header: "proxy-", want: true},
		{name: "sec- prefix", header: "Sec-Fetch-Mode", want: true},
		{name: "SEC- upper case", header: "SEC-CH-UA", want: true},
		{name: "proxy without dash", header: "Proxy", want: false},
		{name: "sec without dash", header: "Secret", want: false},
		{name: "user-agent allowed", header: "User-Agent", want: false},
		{name: "authorization allowed", header: "Authorization", want: false},
		{name: "set-cookie2 allowed", header: "Set-Cookie2", want: false},
		{name: "ACR private network not in the standard", header: "Access-Control-Request-Private-Network", want: false},
		{name: "custom", header: "X-Custom", want: false},
		{name: "empty name", header: "", want: false},
		{name: "name with trailing space", header: "Cookie ", want: false},
		{name: "Kelvin sign", header: "\u212aeep-Alive", want: false},
		// Fetch §forbidden-request-header step 3: method overrides.
		{name: "override GET allowed", header: "X-HTTP-Method-Override", value: "GET", want: false},
		{name: "override get, trace", header: "X-HTTP-Method-Override", value: "get, trace", want: true},
		{name: "override TRACE", header: "x-http-method", value: "TRACE", want: true},
		{name: "override connect", header: "X-Method-Override", value: "connect", want: true},
		{name: "override track padded", header: "X-Method-Override", value: "  track\t", want: true},
		{name: "override empty", header: "X-HTTP-Method", value: "", want: false},
		{name: "override commas", header: "X-HTTP-Method", value: ",,,", want: false},
		{name: "override quoted trace", header: "X-HTTP-Method", value: `"TRACE"`, want: false},
		{name: "override trace inside quotes", header: "X-HTTP-Method", value: `"a,TRACE"`, want: false},
		{name: "override trace after quotes", header: "X-HTTP-Method", value: `"a", TRACE`, want: true},
		{name: "override TRACEX", header: "X-HTTP-Method", value: "TRACEX", want: false},
		{name: "override trace with CR", header: "X-HTTP-Method", value: "TRACE\r", want: false},
		{name: "override high bytes", header: "X-HTTP-Method", value: highBytes, want: false},
		{name: "override 5000 commas then GET", header: "X-HTTP-Method", value: thousands, want: false},
		{name: "override 1 MiB commas then TRACE", header: "X-HTTP-Method", value: mibCommas + "TRACE", want: true},
		{name: "override 1 MiB of quotes", header: "X-HTTP-Method", value: mibQuotes, want: false},
		{name: "other header with trace", header: "X-HTTP-Methods", value: "TRACE", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsForbiddenRequestHeader(tt.header, tt.value); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

func TestMethodOverrideIsNotSafelisted(t *testing.T) {
	// Allowed to script, but it needs a preflight.
	if IsForbiddenRequestHeader("X-HTTP-Method-Override", "GET") {
		t.Error("forbidden")
	}
	if got := CORSUnsafeRequestHeaderNames(HeaderList{{"X-HTTP-Method-Override", "GET"}}); len(got) != 1 || got[0] != "x-http-method-override" {
		t.Errorf("unsafe names = %q", got)
	}
}

func TestNameClasses(t *testing.T) {
	tests := []struct {
		name, header                                                       string
		noCORSName, privileged, nonWildcard, body, forbiddenResp, respSafe bool
	}{
		{name: "accept", header: "Accept", noCORSName: true},
		{name: "accept-language", header: "ACCEPT-LANGUAGE", noCORSName: true},
		{name: "content-language", header: "content-language", noCORSName: true, body: true, respSafe: true},
		{name: "content-type", header: "Content-Type", noCORSName: true, body: true, respSafe: true},
		{name: "content-encoding", header: "Content-Encoding", body: true},
		{name: "content-location", header: "Content-Location", body: true},
		{name: "range", header: "Range", privileged: true},
		{name: "authorization", header: "authorization", nonWildcard: true},
		{name: "set-cookie", header: "Set-Cookie", forbiddenResp: true},
		{name: "set-cookie2", header: "SET-COOKIE2", forbiddenResp: true},
		{name: "cache-control", header: "Cache-Control", respSafe: true},
		{name: "content-length", header: "Content-Length", respSafe: true},
		{name: "expires", header: "Expires", respSafe: true},
		{name: "last-modified", header: "Last-Modified", respSafe: true},
		{name: "pragma", header: "Pragma", respSafe: true},
		{name: "etag", header: "ETag"},
		{name: "empty", header: ""},
		{name: "NUL", header: "\x00"},
		{name: "1 MiB", header: mibToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsNoCORSSafelistedRequestHeaderName(tt.header); got != tt.noCORSName {
				t.Errorf("IsNoCORSSafelistedRequestHeaderName = %v", got)
			}
			if got := IsPrivilegedNoCORSRequestHeaderName(tt.header); got != tt.privileged {
				t.Errorf("IsPrivilegedNoCORSRequestHeaderName = %v", got)
			}
			if got := IsCORSNonWildcardRequestHeaderName(tt.header); got != tt.nonWildcard {
				t.Errorf("IsCORSNonWildcardRequestHeaderName = %v", got)
			}
			if got := IsRequestBodyHeaderName(tt.header); got != tt.body {
				t.Errorf("IsRequestBodyHeaderName = %v", got)
			}
			if got := IsForbiddenResponseHeaderName(tt.header); got != tt.forbiddenResp {
				t.Errorf("IsForbiddenResponseHeaderName = %v", got)
			}
			if got := IsCORSSafelistedResponseHeaderName(tt.header, nil); got != tt.respSafe {
				t.Errorf("IsCORSSafelistedResponseHeaderName = %v", got)
			}
		})
	}
}

func TestNoCORSSafelistedRequestHeader(t *testing.T) {
	tests := []struct {
		name, header, value string
		want                bool
	}{
		{name: "accept", header: "Accept", value: "*/*", want: true},
		{name: "content-type text/plain", header: "Content-Type", value: "text/plain", want: true},
		{name: "content-type json", header: "Content-Type", value: "application/json", want: false},
		{name: "range is safelisted but not no-CORS", header: "Range", value: "bytes=0-", want: false},
		{name: "accept-language 129 bytes", header: "Accept-Language", value: repeat("a", 129), want: false},
		{name: "custom", header: "X-A", value: "1", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsNoCORSSafelistedRequestHeader(tt.header, tt.value); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

func TestIsCORSSafelistedResponseHeaderName(t *testing.T) {
	exposed := []string{"X-Exposed", "set-cookie", "SET-COOKIE2", "*", ""}
	tests := []struct {
		name, header string
		want         bool
	}{
		{name: "fixed name", header: "content-type", want: true},
		{name: "exposed", header: "x-exposed", want: true},
		{name: "not exposed", header: "X-Other", want: false},
		{name: "set-cookie never", header: "Set-Cookie", want: false},
		{name: "set-cookie2 never", header: "set-cookie2", want: false},
		{name: "star is only the name star", header: "*", want: true},
		{name: "star does not cover others", header: "X-Any", want: false},
		{name: "empty listed", header: "", want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsCORSSafelistedResponseHeaderName(tt.header, exposed); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
}
