package browser

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
	cs "github.com/corsim/corsim/scenario"
)

// scenario is the part of a scenario-file line (the JSON Lines format that
// `corsim run` reads) that the harness acts on. Keys it does not know, such as
// "expected", are ignored here: the harness compares the browser with the engine,
// not with anybody's expectation. readScenarios fills it from what package
// scenario read; the JSON tags are for GenerateCorpus, which writes scenarios in
// this form.
type scenario struct {
	ID         string                `json:"id"`
	PageOrigin string                `json:"page_origin"`
	NullParent string                `json:"null_parent,omitempty"`
	Servers    map[string]serverSpec `json:"servers"`
	Fetches    []fetchSpec           `json:"fetches"`

	// source is "file:line", for messages; key is the harness's own unique name for the
	// scenario (IDs need not be unique across files).
	source string
	key    string
	parsed *cs.Scenario // the line as package scenario read it, for the engine
}

// serverSpec is how one URL answers.
type serverSpec struct {
	Options    *responseSpec  `json:"options,omitempty"`
	Actual     *responseSpec  `json:"actual,omitempty"`
	OptionsSeq []responseSpec `json:"options_seq,omitempty"`
	ActualSeq  []responseSpec `json:"actual_seq,omitempty"`
}

// responseSpec is one configured answer: the harness's servers write exactly these bytes.
type responseSpec struct {
	Status  int        `json:"status"`
	Headers [][]string `json:"headers,omitempty"`
	Body    string     `json:"body,omitempty"`
}

// fetchSpec is one fetch() call of the page's script.
type fetchSpec struct {
	WaitMS      int        `json:"wait_ms,omitempty"`
	URL         string     `json:"url"`
	Method      string     `json:"method,omitempty"`
	Headers     [][]string `json:"headers,omitempty"`
	Body        *string    `json:"body,omitempty"`
	StreamBody  bool       `json:"stream_body,omitempty"`
	Mode        string     `json:"mode,omitempty"`
	Credentials string     `json:"credentials,omitempty"`
	Redirect    string     `json:"redirect,omitempty"`
	Cache       string     `json:"cache,omitempty"`
}

// maxRealWaitMS bounds the real time a scenario may spend waiting between fetches;
// longer scenarios (such as a ten-minute cache expiry) are left out of browser runs.
const maxRealWaitMS = 10_000

// maxScenarioLine bounds one JSON line of a scenario file.
const maxScenarioLine = 8 << 20

// readScenarios reads every scenario of a JSON Lines stream with package
// scenario's reader, the one decoder of the format, so that the harness runs in
// the browser exactly what the engine reads. A line that is not a scenario is an
// error naming the line; blank lines are skipped.
func readScenarios(r io.Reader, name string) ([]*scenario, error) {
	rd := cs.NewReader(r, name, maxScenarioLine)
	var out []*scenario
	for {
		p, err := rd.Next()
		var le *cs.LineError
		switch {
		case errors.Is(err, io.EOF):
			return out, nil
		case errors.As(err, &le):
			return out, fmt.Errorf("corsim: browser: corpus %s:%d: %s", name, le.Line, strings.TrimPrefix(le.Err.Error(), "corsim: "))
		case err != nil:
			return out, fmt.Errorf("corsim: browser: corpus %s: %v", name, err)
		}
		s := fromScenario(p)
		s.source = fmt.Sprintf("%s:%d", name, rd.Line())
		out = append(out, s)
	}
}

// fromScenario is the harness's view of a scenario that package scenario has read:
// the origins serialized ("" for no null_parent), the servers as the file writes
// them, which is what the harness's servers send, and the fetch() options the file
// sets, which are what the runner page passes to fetch().
func fromScenario(p *cs.Scenario) *scenario {
	s := &scenario{ID: p.ID, PageOrigin: p.PageOrigin().String(), NullParent: p.NullParent().String(), parsed: p}
	if servers := p.Servers(); servers != nil {
		s.Servers = make(map[string]serverSpec, len(servers))
		for u, r := range servers {
			s.Servers[u] = serverSpec{Options: responseOf(r.Options), Actual: responseOf(r.Actual),
				OptionsSeq: responsesOf(r.OptionsSeq), ActualSeq: responsesOf(r.ActualSeq)}
		}
	}
	if p.Fetches != nil {
		s.Fetches = make([]fetchSpec, len(p.Fetches))
	}
	for i := range p.Fetches {
		f := &p.Fetches[i]
		r := f.Request
		keyword := func(key string, v fmt.Stringer) string {
			if f.Sets(key) {
				return v.String()
			}
			return ""
		}
		s.Fetches[i] = fetchSpec{WaitMS: int(f.Wait.Milliseconds()), URL: r.URL, Method: r.Method,
			Headers: pairsOf(r.Headers), Body: r.Body, StreamBody: r.StreamBody,
			Mode: keyword("mode", r.Mode), Credentials: keyword("credentials", r.Credentials),
			Redirect: keyword("redirect", r.Redirect), Cache: keyword("cache", r.Cache)}
	}
	return s
}

func responseOf(r *algorithm.Response) *responseSpec {
	if r == nil {
		return nil
	}
	return &responseSpec{Status: r.Status, Headers: pairsOf(r.Headers), Body: r.Body}
}

func responsesOf(rs []algorithm.Response) []responseSpec {
	if rs == nil {
		return nil
	}
	out := make([]responseSpec, len(rs))
	for i := range rs {
		out[i] = *responseOf(&rs[i])
	}
	return out
}

func pairsOf(l fetchmode.HeaderList) [][]string {
	if l == nil {
		return nil
	}
	out := make([][]string, len(l))
	for i, h := range l {
		out[i] = []string{h.Name, h.Value}
	}
	return out
}

// readScenarioFiles reads every *.jsonl file of dir, in name order.
func readScenarioFiles(dir string) ([]*scenario, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("corsim: browser: corpus %s: %v", dir, err)
	}
	sort.Strings(names)
	var all []*scenario
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return all, fmt.Errorf("corsim: browser: corpus: %v", err)
		}
		s, err := readScenarios(f, filepath.Base(n))
		f.Close()
		if err != nil {
			return all, err
		}
		all = append(all, s...)
	}
	return all, nil
}

// all returns every configured response of the server.
func (sv serverSpec) all() []*responseSpec {
	var out []*responseSpec
	if sv.Options != nil {
		out = append(out, sv.Options)
	}
	if sv.Actual != nil {
		out = append(out, sv.Actual)
	}
	for i := range sv.OptionsSeq {
		out = append(out, &sv.OptionsSeq[i])
	}
	for i := range sv.ActualSeq {
		out = append(out, &sv.ActualSeq[i])
	}
	return out
}

// endpoint is a host and port the browser will connect to.
type endpoint struct {
	Scheme string
	Host   string
	Port   int
}

// urls returns every absolute URL the scenario names: the page, the embedding page,
// the servers, the fetches, and absolute Location targets. Relative fetch URLs are
// resolved against the page origin.
func (s *scenario) urls() []origin.URL {
	var raw []string
	if s.PageOrigin != "null" {
		raw = append(raw, s.PageOrigin+"/")
	}
	if s.NullParent != "" && s.NullParent != "null" {
		raw = append(raw, s.NullParent+"/")
	}
	keys := make([]string, 0, len(s.Servers))
	for u := range s.Servers {
		keys = append(keys, u)
	}
	sort.Strings(keys)
	var base origin.URL
	if s.PageOrigin != "null" {
		base, _ = origin.ParseURL(s.PageOrigin + "/")
	}
	var out []origin.URL
	add := func(u origin.URL, err error) {
		if err == nil && u.IsValid() {
			out = append(out, u)
		}
	}
	for _, r := range raw {
		add(origin.ParseURL(r))
	}
	for _, k := range keys {
		u, err := origin.ParseURL(k)
		add(u, err)
		if err != nil {
			continue
		}
		for _, r := range s.Servers[k].all() {
			for _, h := range r.Headers {
				if strings.EqualFold(h[0], "location") {
					add(u.Resolve(h[1]))
				}
			}
		}
	}
	for _, f := range s.Fetches {
		add(base.Resolve(f.URL))
	}
	return out
}

// endpoints returns the distinct http(s) hosts and ports the scenario needs.
func (s *scenario) endpoints() []endpoint {
	seen := map[endpoint]bool{}
	var out []endpoint
	for _, u := range s.urls() {
		if !u.IsHTTPScheme() {
			continue
		}
		e := endpoint{Scheme: u.Scheme(), Host: hostOnly(u.Host())}
		if p, ok := u.Port(); ok {
			e.Port = int(p)
		} else if e.Scheme == "https" {
			e.Port = 443
		} else {
			e.Port = 80
		}
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// hostOnly strips the brackets of an IPv6 host.
func hostOnly(h string) string {
	return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
}

// environmentProblem reports why the scenario cannot run on loopback here, or "".
// A host that is an IP address other than 127.0.0.1 would send traffic off the
// loopback interface or to an address no server listens on, so such scenarios are
// left out (and counted as such in the report).
func (s *scenario) environmentProblem() string {
	for _, e := range s.endpoints() {
		if ip := net.ParseIP(e.Host); ip != nil && !ip.Equal(net.IPv4(127, 0, 0, 1)) && !ip.Equal(net.IPv6loopback) {
			return "names the IP address " + e.Host + ", which is not this machine's loopback server address"
		}
		if e.Port <= 0 || e.Port > 65535 {
			return "names port " + strconv.Itoa(e.Port)
		}
	}
	for _, page := range []string{s.PageOrigin, s.NullParent} {
		if u, err := origin.ParseURL(page + "/"); err == nil {
			if p, ok := u.Port(); ok && isBadPort(p) {
				return "puts its page on a port of the Fetch §port-blocking list, which browsers refuse to load a page from, so no runner page can be served there"
			}
		}
	}
	if len(s.Fetches) == 0 {
		return "has no fetches"
	}
	total := 0
	for _, f := range s.Fetches {
		total += f.WaitMS
	}
	if total > maxRealWaitMS {
		return fmt.Sprintf("waits more than %d s in total (wait_ms really waits in a browser)", maxRealWaitMS/1000)
	}
	return ""
}

// hostnames returns the distinct DNS names (not IP addresses) of the scenario.
func (s *scenario) hostnames() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range s.endpoints() {
		if net.ParseIP(e.Host) != nil || seen[e.Host] {
			continue
		}
		seen[e.Host] = true
		out = append(out, e.Host)
	}
	return out
}

// badPorts is the list of Fetch §port-blocking; a page cannot be loaded from them.
var badPorts = [...]uint16{0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79,
	87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389,
	427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
	995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669,
	6679, 6697, 10080}

func isBadPort(p uint16) bool {
	for _, b := range badPorts {
		if b == p {
			return true
		}
	}
	return false
}
