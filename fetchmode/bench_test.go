package fetchmode

import (
	"strconv"
	"testing"
)

// Typed sinks keep results alive without boxing them.
var (
	sinkStrings []string
	sinkBool    bool
	sinkInt     int64
	sinkString  string
	sinkMIME    MIMEType
)

func BenchmarkAppendUnsafeNames(b *testing.B) {
	cases := []struct {
		name string
		list HeaderList
	}{
		{name: "case=typical-fetch", list: HeaderList{{"Content-Type", "application/json"}, {"X-CSRF-Token", "c2VjcmV0"}}},
		{name: "case=typical-fetch-with-ua-headers", list: HeaderList{{"Accept", "*/*"}, {"Accept-Language", "en-US,en;q=0.9"}, {"Content-Type", "application/json"}, {"X-CSRF-Token", "c2VjcmV0"}}},
		{name: "case=lower-case-names", list: HeaderList{{"content-type", "application/json"}, {"x-custom-token", "c2VjcmV0"}}},
		{name: "case=all-safelisted", list: HeaderList{{"Accept", "*/*"}, {"Content-Type", "text/plain;charset=UTF-8"}, {"Range", "bytes=0-"}}},
		{name: "case=over-1024", list: languageEntries(11, 1100)},
	}
	for _, v := range []struct {
		name string
		s    Safelist
	}{{"spec", Safelist{}}, {"chromium", Safelist{ClientHints: true, RangeInt64: true}}} {
		for _, c := range cases {
			b.Run("variant="+v.name+"/"+c.name, func(b *testing.B) {
				var buf [16]string
				b.ReportAllocs()
				for b.Loop() {
					sinkStrings = v.s.AppendUnsafeNames(buf[:0], c.list)
				}
			})
		}
	}
	b.Run("variant=spec/case=1000-custom-names", func(b *testing.B) {
		l := make(HeaderList, 1000)
		for i := range l {
			l[i] = Header{Name: "x-" + strconv.Itoa(i), Value: "v"}
		}
		buf := make([]string, 0, 1000)
		b.ReportAllocs()
		for b.Loop() {
			sinkStrings = Safelist{}.AppendUnsafeNames(buf[:0], l)
		}
	})
}

func BenchmarkIsSafelisted(b *testing.B) {
	cases := []struct{ name, header, value string }{
		{name: "header=content-type", header: "Content-Type", value: "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"},
		{name: "header=accept-language", header: "Accept-Language", value: "en-US,en;q=0.9,de;q=0.8"},
		{name: "header=range", header: "Range", value: "bytes=1048576-2097151"},
		{name: "header=custom", header: "X-Requested-With", value: "XMLHttpRequest"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkBool = Safelist{}.IsSafelisted(c.header, c.value)
			}
		})
	}
}

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

func BenchmarkHeaderListGet(b *testing.B) {
	l := HeaderList{{"Content-Type", "text/html"}, {"Access-Control-Allow-Origin", "https://a.example"}, {"Vary", "Origin"}, {"Access-Control-Allow-Credentials", "true"}}
	for _, name := range []string{"access-control-allow-origin", "access-control-expose-headers"} {
		b.Run("name="+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString, _ = l.Get(name)
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
