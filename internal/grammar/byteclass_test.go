package grammar

import (
	"math"
	"testing"
)

func TestByteClasses(t *testing.T) {
	tests := []struct {
		name, in             string
		token, digits        bool
		trimmed              string
		number               int64
		fitsInt64, notNumber bool // notNumber: DecimalInt64 is not asked
	}{
		{name: "empty", in: "", trimmed: "", fitsInt64: true},
		{name: "token", in: "X-Custom", token: true, trimmed: "X-Custom", notNumber: true},
		{name: "every tchar", in: "!#$%&'*+-.^_`|~09AZaz", token: true, trimmed: "!#$%&'*+-.^_`|~09AZaz", notNumber: true},
		{name: "digits", in: "0042", token: true, digits: true, trimmed: "0042", number: 42, fitsInt64: true},
		{name: "int64 max", in: "9223372036854775807", token: true, digits: true, trimmed: "9223372036854775807", number: math.MaxInt64, fitsInt64: true},
		{name: "int64 max plus one", in: "9223372036854775808", token: true, digits: true, trimmed: "9223372036854775808", number: math.MaxInt64},
		{name: "HTTP whitespace around", in: "\t\r\n 7 \n\r\t", trimmed: "7", notNumber: true},
		{name: "vertical tab kept", in: "\v7\v", trimmed: "\v7\v", notNumber: true},
		{name: "inner space", in: "a b", trimmed: "a b", notNumber: true},
		{name: "high bytes", in: highBytes, trimmed: highBytes, notNumber: true},
		{name: "1 MiB of digits", in: mibDigits, token: true, digits: true, trimmed: mibDigits, number: math.MaxInt64},
		{name: "1 MiB of spaces", in: mibSpaces, trimmed: "", notNumber: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsToken(tt.in); got != tt.token {
				t.Errorf("IsToken = %v", got)
			}
			if got := IsDigits(tt.in); got != tt.digits {
				t.Errorf("IsDigits = %v", got)
			}
			if got := TrimHTTPWhitespace(tt.in); got != tt.trimmed {
				t.Errorf("TrimHTTPWhitespace = %.20q", got)
			}
			if tt.notNumber {
				return
			}
			if n, ok := DecimalInt64(tt.in); n != tt.number || ok != tt.fitsInt64 {
				t.Errorf("DecimalInt64 = %d, %v", n, ok)
			}
		})
	}
}
