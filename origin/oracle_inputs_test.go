package origin_test

import (
	"testing"

	whatwg "github.com/nlnwa/whatwg-url/url"
)

// oracleInputs returns the inputs TestOracle compares: the table inputs,
// the WPT inputs (as given and resolved against their base), and the cross
// product of scheme, userinfo, host, port and tail fragments that exercise
// each branch of the authority parser.
func oracleInputs(t *testing.T) []string {
	var inputs []string
	for _, tc := range parseTests {
		if len(tc.in) < 4096 {
			inputs = append(inputs, tc.in)
		}
	}
	for _, tc := range serializedTests {
		inputs = append(inputs, tc.in)
	}
	if dir := wptDirOrEmpty(); dir != "" {
		for _, tc := range loadURLTests(t) {
			inputs = append(inputs, tc.Input)
			if tc.Base != nil {
				if u, err := whatwg.ParseRef(*tc.Base, tc.Input); err == nil {
					inputs = append(inputs, u.Href(false))
				}
			}
		}
	}
	schemes := []string{"http://", "HTTPS://", "ws:", "wss:\\\\", "ftp://", "file://", "blob:https://", "blob:ws://", "sc://", "data:"}
	userinfos := []string{"", "u@", "u:p@", "@", ":@", "a@b@", "%40@"}
	hosts := []string{
		"a.test", "A.TEST", "a.test.", "xn--a", "XN--a.test", "xn--fa-hia.example", "faß.example", "☕", "ü_x",
		"a%41", "%30", "0x7f.1", "127.1", "1.2.3.4.5", "256.0.0.1", "0x", "09", "a.09", "a.0x1", "1.2.3.256",
		"[::1]", "[0:0::1]", "[::ffff:1.2.3.4]", "[::1", "[1::2::3]", "", " ", "a b", "a^b", "a%25b", "a%00",
		"\u00ad", "a\u200db", "xn--1ug", "１２７.0.0.1", "a。b", "*", "_", "-a-", "a..b", ".", "..",
		"localhost", "LOCALHOST.", "\xff", "%ff", "ｘｎ--a",
	}
	ports := []string{"", ":", ":0", ":80", ":443", ":0443", ":65535", ":65536", ":8a", ": 1"}
	tails := []string{"", "/", "/a/../b", "?q", "#f", "\\x", " ", "\t/x"}
	for _, s := range schemes {
		for _, h := range hosts {
			for _, p := range ports {
				inputs = append(inputs, s+h+p+"/")
			}
			for _, u := range userinfos {
				inputs = append(inputs, s+u+h+"/x")
			}
			for _, tl := range tails {
				inputs = append(inputs, s+h+tl)
			}
		}
	}
	return inputs
}
