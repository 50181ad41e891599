package browser

import (
	"strconv"
	"strings"
	"testing"
)

func TestReadScenarios(t *testing.T) {
	ok := `{"id":"a","page_origin":"http://p.test","servers":{"http://api.test/x":{"actual":{"status":200,"headers":[["A","b"]]}}},"fetches":[{"url":"http://api.test/x"}]}`
	tests := []struct {
		name    string
		in      string
		want    int
		wantErr string
	}{
		{name: "one scenario", in: ok, want: 1},
		{name: "blank lines skipped", in: "\n\n" + ok + "\n \n" + ok + "\n", want: 2},
		{name: "empty input", in: "", want: 0},
		{name: "malformed line named", in: ok + "\n{", want: 1, wantErr: "corpus t:2"},
		{name: "not an object", in: `[1,2]`, wantErr: "corpus t:1"},
		{name: "missing page origin", in: `{"id":"x","fetches":[]}`, wantErr: "page_origin: missing"},
		{name: "bad page origin", in: `{"page_origin":"http://[::1","fetches":[]}`, wantErr: "page_origin"},
		{name: "relative server key", in: `{"page_origin":"null","servers":{"/x":{}}}`, wantErr: `servers["/x"]`},
		{name: "header triple", in: `{"page_origin":"null","fetches":[{"url":"/","headers":[["a","b","c"]]}]}`, wantErr: "want a [name, value] pair"},
		{name: "server header single", in: `{"page_origin":"null","servers":{"http://a.test/":{"options":{"status":204,"headers":[["a"]]}}}}`, wantErr: "want a [name, value] pair"},
		{name: "negative wait", in: `{"page_origin":"null","fetches":[{"url":"/","wait_ms":-1}]}`, wantErr: "wait_ms: want an integer from 0"},
		{name: "invalid UTF-8 survives", in: "{\"page_origin\":\"null\",\"fetches\":[{\"url\":\"/\xff\"}]}", want: 1},
		{name: "control bytes in values", in: `{"page_origin":"null","fetches":[{"url":"/","headers":[["X","\u0001\u0000"]]}]}`, want: 1},
		{name: "1 MiB value", in: `{"page_origin":"null","fetches":[{"url":"/","headers":[["X","` + strings.Repeat("v", 1<<20) + `"]]}]}`, want: 1},
		{name: "unknown keys ignored", in: `{"page_origin":"null","expected":{"x":1},"fetches":[{"url":"/","expected":{}}]}`, want: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readScenarios(strings.NewReader(tt.in), "t")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "corsim: ") {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Errorf("%d scenarios, want %d", len(got), tt.want)
			}
		})
	}
}

func TestReadScenarioFilesMissingDir(t *testing.T) {
	got, err := readScenarioFiles(t.TempDir())
	if err != nil || len(got) != 0 {
		t.Errorf("got %d, %v", len(got), err)
	}
}

func mustScenario(t *testing.T, line string) *scenario {
	t.Helper()
	scs, err := readScenarios(strings.NewReader(line), "t")
	if err != nil || len(scs) != 1 {
		t.Fatalf("%v (%d scenarios)", err, len(scs))
	}
	return scs[0]
}

func TestScenarioEndpointsAndHosts(t *testing.T) {
	sc := mustScenario(t, `{"page_origin":"null","null_parent":"http://top.test:8080","servers":{"http://api.test:18081/r":{"actual":{"status":302,"headers":[["location","https://cdn.test/x"],["Location","//other.test:9/y"],["LOCATION","/rel"]]}}},"fetches":[{"url":"https://www.shop.test/same"},{"url":"http://127.0.0.1:5000/ip"}]}`)
	got := map[string]bool{}
	for _, e := range sc.endpoints() {
		got[e.Scheme+" "+e.Host+" "+itoa(e.Port)] = true
	}
	for _, want := range []string{"https www.shop.test 443", "http top.test 8080", "http api.test 18081",
		"https cdn.test 443", "http other.test 9", "http 127.0.0.1 5000"} {
		if !got[want] {
			t.Errorf("endpoint %q missing from %v", want, got)
		}
	}
	if len(got) != 6 {
		t.Errorf("endpoints %v", got)
	}
	// A relative fetch URL is resolved against the page.
	rel := mustScenario(t, `{"page_origin":"https://www.shop.test","fetches":[{"url":"/same"},{"url":"//cdn2.test/x"}]}`)
	if es := rel.endpoints(); len(es) != 2 || es[0] != (endpoint{"https", "www.shop.test", 443}) || es[1] != (endpoint{"https", "cdn2.test", 443}) {
		t.Errorf("endpoints of relative fetches %v", es)
	}
	hosts := strings.Join(sc.hostnames(), ",")
	if strings.Contains(hosts, "127.0.0.1") || !strings.Contains(hosts, "cdn.test") {
		t.Errorf("hostnames %q", hosts)
	}
	if why := sc.environmentProblem(); why != "" {
		t.Errorf("unexpected problem %q", why)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestEnvironmentProblem(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{name: "runnable", line: `{"page_origin":"http://p.test","fetches":[{"url":"http://a.test/"}]}`},
		{name: "private address", line: `{"page_origin":"http://p.test","fetches":[{"url":"http://192.168.1.1/"}]}`, want: "not this machine's loopback"},
		{name: "other ipv6 address", line: `{"page_origin":"http://p.test","fetches":[{"url":"http://[::2]/"}]}`, want: "IP address"},
		{name: "ipv6 loopback", line: `{"page_origin":"http://p.test","fetches":[{"url":"http://[::1]:8080/"}]}`},
		{name: "page on a bad port", line: `{"page_origin":"http://p.test:6000","fetches":[{"url":"/x"}]}`, want: "port-blocking"},
		{name: "embedding page on a bad port", line: `{"page_origin":"null","null_parent":"http://p.test:10080","fetches":[{"url":"http://a.test/"}]}`, want: "port-blocking"},
		{name: "fetch to a bad port is fine", line: `{"page_origin":"http://p.test","fetches":[{"url":"http://a.test:6000/"}]}`},
		{name: "no fetches", line: `{"page_origin":"http://p.test","fetches":[]}`, want: "no fetches"},
		{name: "long wait", line: `{"page_origin":"http://p.test","fetches":[{"url":"/","wait_ms":599000}]}`, want: "waits more than"},
		{name: "many short waits add up", line: `{"page_origin":"http://p.test","fetches":[{"url":"/","wait_ms":6000},{"url":"/","wait_ms":6000}]}`, want: "waits more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustScenario(t, tt.line).environmentProblem()
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
