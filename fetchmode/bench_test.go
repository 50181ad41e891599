package fetchmode

import (
	"math"
	"strconv"
	"testing"
)

// Typed sinks keep results alive without boxing them.
var (
	sinkStrings []string
	sinkBool    bool
	sinkString  string
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
	}{{"spec", Safelist{}}, {"chromium", Safelist{ClientHints: true, RangeMax: math.MaxInt64 - 1}}} {
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
