package corstest

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/corsim/corsim/browser"
	"github.com/corsim/corsim/fetchmode"
	"github.com/corsim/corsim/origin"
)

// Policy is a CORS policy to check: the origins meant to read credentialed responses, and the
// fetch to try from each of them and from the look-alikes Attackers derives from them.
type Policy struct {
	// Allowed are the serialized origins (such as "https://app.example") the policy trusts.
	Allowed []string
	// Request is the fetch to try; its URL must be absolute. AssertPolicy makes it credentialed
	// (credentials "include"), since that is the response an attacker wants to read.
	Request browser.Request
}

// Attackers returns the origins a careless policy for allowed lets in by mistake: "null"; the
// same host over http:// (a downgrade); prefix and suffix look-alikes (allowed's host followed by
// ".evil.test" or "-evil.test", "evil" before it, its first dot turned into a letter as an
// unescaped regular expression matches it); another port; a sibling and a child subdomain; and an
// arbitrary origin. Origins that would equal allowed are left out. It returns nil when allowed is
// not a serialized tuple origin.
func Attackers(allowed string) []string {
	o, err := origin.ParseSerialized(allowed)
	if err != nil || o.IsOpaque() {
		return nil
	}
	scheme, host := o.Scheme(), o.Host()
	port := ""
	if p, ok := o.Port(); ok {
		port = fmt.Sprintf(":%d", p)
	}
	out := []string{"null"}
	add := func(s string) {
		if s != o.String() && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if scheme == "https" {
		add("http://" + host + port)
	}
	name := net.ParseIP(strings.Trim(host, "[]")) == nil // a domain, not an IP address
	if name {
		add(scheme + "://" + host + ".evil.test" + port)
		add(scheme + "://" + host + "-evil.test" + port)
		add(scheme + "://evil" + host + port)
		if i := strings.IndexByte(host, '.'); i > 0 {
			add(scheme + "://" + host[:i] + "x" + host[i+1:] + port)
			if j := strings.IndexByte(host[i+1:], '.'); j > 0 {
				add(scheme + "://evil" + host[i:] + port) // a sibling: evil.shop.test for www.shop.test
			}
		}
		add(scheme + "://evil." + host + port)
	}
	if port == ":8443" {
		add(scheme + "://" + host + ":9443")
	} else {
		add(scheme + "://" + host + ":8443")
	}
	add("https://corsim-attacker.test")
	return out
}

// CheckPolicy checks p against h and returns, as an error, every way it fails: an allowed origin
// that cannot read the credentialed response (a check that no one passes proves nothing), an
// attacker origin (see Attackers) that can, with what the server answered it, and an attacker
// origin whose fetch failed before the browser decided anything (see CheckBlocked).
func CheckPolicy(h http.Handler, p Policy, opts ...Option) error {
	if len(p.Allowed) == 0 {
		return errors.New("corstest: Policy.Allowed is empty: give the origins the policy trusts")
	}
	if _, err := origin.ParseURL(p.Request.URL); err != nil {
		// A relative URL resolves against each page, so every attacker would fetch its own origin.
		return fmt.Errorf("corstest: Policy.Request.URL %q is not an absolute URL such as https://api.example/me: %w", p.Request.URL, err)
	}
	req := p.Request
	req.Credentials = fetchmode.CredentialsInclude
	// An attacker picks the request: besides the policy's own, a simple credentialed GET of the
	// same URL, which needs no preflight, so a server that guards only its preflight answer is
	// caught too.
	tries := []browser.Request{req}
	if get := (browser.Request{URL: req.URL, Credentials: fetchmode.CredentialsInclude}); req.NormalizedMethod() != "GET" || len(req.Headers) > 0 || req.Mode != 0 || req.Body != nil {
		tries = append(tries, get)
	}
	c := configure(opts)
	var problems []string
	for _, a := range p.Allowed {
		if o, err := origin.ParseSerialized(a); err != nil || o.IsOpaque() || o.String() != a {
			if err == nil && !o.IsOpaque() {
				// It names an origin, in another form than the one browsers send in Origin.
				return fmt.Errorf("corstest: Policy.Allowed: %q is not in serialized form; browsers send Origin: %s", a, o)
			}
			return fmt.Errorf("corstest: Policy.Allowed: %q is not a serialized origin such as https://app.example", a)
		}
		if err := CheckReadable(h, a, req, opts...); err != nil {
			problems = append(problems, "the allowed origin cannot read the response, so the policy check proves nothing:\n"+err.Error())
		}
	}
	checked := map[string]bool{}
	for _, a := range p.Allowed {
		for _, evil := range Attackers(a) {
			if checked[evil] || slices.Contains(p.Allowed, evil) {
				continue
			}
			checked[evil] = true
			for _, ar := range tries {
				runs, err := fetchAll(h, evil, ar, c)
				if err != nil {
					return err
				}
				var read, broken []run
				for _, r := range runs {
					switch {
					case r.readable():
						read = append(read, r)
					case r.transportErr() != nil:
						broken = append(broken, r)
					}
				}
				if len(broken) > 0 {
					var s strings.Builder
					inconclusive(&s, evil+", an origin the policy does not allow", broken)
					problems = append(problems, strings.TrimRight(s.String(), "\n"))
				}
				if len(read) == 0 {
					continue
				}
				var s strings.Builder
				fmt.Fprintf(&s, "%s, an origin the policy does not allow, CAN read the credentialed response to %s %s in %s", evil, ar.NormalizedMethod(), ar.URL, profileNames(read))
				if ans, ok := read[0].exch.last(); ok {
					fmt.Fprintf(&s, ": the server answered %s %s with %s", ans.method, ans.url, ans.cors())
				}
				s.WriteString("; " + advise(evil))
				problems = append(problems, s.String())
				break // one readable request is enough to show the hole
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("corstest: the CORS policy for %s fails:\n- %s", strings.Join(p.Allowed, ", "), strings.Join(problems, "\n- "))
}

// AssertPolicy fails t unless p holds for h (see CheckPolicy). It returns whether it held.
func AssertPolicy(t testing.TB, h http.Handler, p Policy, opts ...Option) bool {
	t.Helper()
	if err := CheckPolicy(h, p, opts...); err != nil {
		t.Error(err)
		return false
	}
	return true
}

// advise says what usually lets an attacker origin in.
func advise(evil string) string {
	switch {
	case evil == "null":
		return `never allow "null": sandboxed iframes and data: pages of any site send it`
	case strings.HasPrefix(evil, "http://"):
		return "allow only https:// origins: a network attacker can serve any http:// page"
	case strings.HasPrefix(evil, "https://corsim-attacker"):
		return "the server reflects any Origin: compare it with an exact allow-list instead"
	default:
		return "compare the whole Origin with an exact allow-list (scheme, host and port), not a prefix, suffix, pattern or regular expression"
	}
}

// exchangeLog records the CORS headers of each response the handler gave, for failure messages.
type exchangeLog struct {
	mu      sync.Mutex
	answers []answer
}

type answer struct {
	method, url string
	preflight   bool
	status      int
	acao, acac  []string
}

func (a answer) cors() string {
	var parts []string
	parts = append(parts, fmt.Sprintf("status %d", a.status))
	if len(a.acao) == 0 {
		parts = append(parts, "no Access-Control-Allow-Origin")
	}
	for _, v := range a.acao {
		parts = append(parts, "Access-Control-Allow-Origin: "+v)
	}
	for _, v := range a.acac {
		parts = append(parts, "Access-Control-Allow-Credentials: "+v)
	}
	return strings.Join(parts, ", ")
}

// summary lists what the handler answered, with a hint when a preflight got an error status
// (the browser then blames a missing header, while the cause is usually a router or an
// authentication layer answering OPTIONS before the CORS middleware).
func (l *exchangeLog) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.answers) == 0 {
		return ""
	}
	var s strings.Builder
	s.WriteString("  the handler answered:\n")
	for _, a := range l.answers {
		fmt.Fprintf(&s, "    %s %s → %s\n", a.method, a.url, a.cors())
		if a.preflight && (a.status < 200 || a.status > 299) {
			fmt.Fprintf(&s, "    hint: the preflight got status %d; does an OPTIONS route exist, and does the CORS middleware run before the router's 404/405 and before authentication? A preflight never carries credentials.\n", a.status)
		}
	}
	return s.String()
}

func (l *exchangeLog) any() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.answers) > 0
}

func (l *exchangeLog) last() (answer, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.answers) == 0 {
		return answer{}, false
	}
	return l.answers[len(l.answers)-1], true
}

// recorder passes each request to h and notes the CORS headers it answered with.
type recorder struct {
	h   http.Handler
	log *exchangeLog
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &snoop{ResponseWriter: w}
	defer func() {
		sw.snapshot()
		a := answer{method: r.Method, url: r.URL.String(), status: sw.status,
			preflight: r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "",
			acao:      sw.header.Values("Access-Control-Allow-Origin"), acac: sw.header.Values("Access-Control-Allow-Credentials")}
		rec.log.mu.Lock()
		rec.log.answers = append(rec.log.answers, a)
		rec.log.mu.Unlock()
	}()
	rec.h.ServeHTTP(sw, r)
}

// snoop keeps a copy of the headers as they were when the response started.
type snoop struct {
	http.ResponseWriter
	header http.Header
	status int
}

func (s *snoop) snapshot() {
	if s.header == nil {
		s.header = s.ResponseWriter.Header().Clone()
		if s.status == 0 {
			s.status = http.StatusOK
		}
	}
}

func (s *snoop) WriteHeader(code int) {
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		// An interim response (103 Early Hints, say): the answer is the one that follows.
		s.ResponseWriter.WriteHeader(code)
		return
	}
	if s.header == nil {
		s.status = code
		s.snapshot()
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *snoop) Write(b []byte) (int, error) {
	s.snapshot()
	return s.ResponseWriter.Write(b)
}

// Flush is there so that a handler that type-asserts http.Flusher behaves as it does for a
// server (the browser's in-process writer flushes).
func (s *snoop) Flush() {
	s.snapshot()
	_ = http.NewResponseController(s.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *snoop) Unwrap() http.ResponseWriter { return s.ResponseWriter }
