package grammar

import "testing"

// Typed sinks keep results alive without boxing them.
var (
	sinkStrings []string
	sinkInt     int64
	sinkMIME    MIMEType
)

func BenchmarkAppendTokenList(b *testing.B) {
	cases := []struct {
		name string
		line string
	}{
		{name: "input=GET,PATCH,OPTIONS", line: "GET, PATCH, OPTIONS"},
		{name: "input=1MiB-commas", line: mibCommas},
		{name: "input=1MiB-OWS", line: mibOWS},
		{name: "input=1MiB-token", line: mibToken},
		{name: "input=1MiB-list", line: mibList},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			dst := make([]string, 0, 8)
			if c.line == mibList {
				dst = make([]string, 0, mib)
			}
			b.SetBytes(int64(len(c.line)))
			b.ReportAllocs()
			for b.Loop() {
				out, err := AppendTokenList(dst[:0], "Access-Control-Allow-Methods", c.line)
				if err != nil {
					b.Fatal(err)
				}
				sinkStrings = out
			}
		})
	}
}

func BenchmarkParseMaxAge(b *testing.B) {
	for _, c := range []struct{ name, v string }{{"input=7200", "7200"}, {"input=1MiB-digits", mibDigits}} {
		lines := []string{c.v}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.v)))
			b.ReportAllocs()
			for b.Loop() {
				sinkInt, _ = ParseMaxAge(lines)
			}
		})
	}
}

func BenchmarkParseMIMEType(b *testing.B) {
	for _, c := range []struct{ name, v string }{
		{"input=plain", "text/plain"},
		{"input=params", `multipart/form-data; boundary="----x"; charset=UTF-8`},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkMIME, _ = ParseMIMEType(c.v)
			}
		})
	}
}
