package browser

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/origin"
)

// DefaultMaxBodyBytes is how much of a response body a Browser reads unless MaxBodyBytes says
// otherwise. A longer body makes the fetch fail as a network error would.
const DefaultMaxBodyBytes = 16 << 20

// Epoch is where a Browser's virtual clock starts.
var Epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Browser is one page of a simulated browser: a page origin, a profile, the page's
// CORS-preflight cache and a clock, and the servers its fetches reach. Make one with New; the zero
// Browser has no page, so its every fetch throws. It is safe for concurrent use; concurrent
// fetches share the preflight cache as fetches of one page do.
type Browser struct {
	page    origin.Origin
	top     origin.Origin
	profile algorithm.Profile
	cache   *cache.Cache
	trace   bool
	maxBody int64
	real    bool

	mu  sync.Mutex
	now time.Time // the virtual clock, when !real

	routes   []route      // in-process handlers by origin, in the order given
	fallback http.Handler // in-process handler for every other URL
	server   *serverRoute // an httptest.Server that gets every URL
	rt       http.RoundTripper
}

type route struct {
	origin string // serialized
	h      http.Handler
}

type serverRoute struct {
	url *url.URL
	rt  http.RoundTripper
}

// An Option configures a Browser made by New.
type Option func(*Browser) error

// WithProfile sets whose behaviour the Browser models. The default is algorithm.Chromium, the
// same as the command line's.
func WithProfile(p algorithm.Profile) Option {
	return func(b *Browser) error {
		if !p.IsValid() {
			return fmt.Errorf("browser: profile %d is not one of %v", uint8(p), algorithm.Profiles())
		}
		b.profile = p
		return nil
	}
}

// Handler serves every fetch in-process with h, whatever the URL's host: no listener, no
// network. The request h sees has the fetch's URL, its Host, and r.TLS set for an https URL.
// A panic in h becomes a network error, as a server that drops the connection would cause. A
// fetch whose context can end does not wait for h past that end, as a client does not.
func Handler(h http.Handler) Option {
	return func(b *Browser) error {
		if h == nil {
			return errors.New("browser: Handler(nil)")
		}
		b.fallback = h
		return nil
	}
}

// Route serves fetches to one origin (such as "https://api.example") in-process with h, so that
// one Browser can reach several servers (an API and the CDN it redirects to, say). Routes are
// matched before Handler; a URL no route or Handler covers fails as an unreachable host does.
func Route(serializedOrigin string, h http.Handler) Option {
	return func(b *Browser) error {
		if h == nil {
			return fmt.Errorf("browser: Route(%q, nil)", serializedOrigin)
		}
		o, err := origin.ParseSerialized(serializedOrigin)
		if err != nil || o.IsOpaque() {
			return fmt.Errorf("browser: Route: %q is not a serialized tuple origin such as https://api.example", serializedOrigin)
		}
		b.routes = append(b.routes, route{origin: o.String(), h: h})
		return nil
	}
}

// Server sends every fetch to s over its listener with s's own client (which trusts s's
// certificate), whatever the URL's host: the request keeps the fetch's URL path and query and
// carries the fetch's host in its Host header, so a page can fetch "https://api.example/x" from a
// test server at 127.0.0.1.
func Server(s *httptest.Server) Option {
	return func(b *Browser) error {
		if s == nil || s.URL == "" {
			return errors.New("browser: Server needs a started *httptest.Server")
		}
		u, err := url.Parse(s.URL)
		if err != nil {
			return fmt.Errorf("browser: Server: %w", err)
		}
		b.server = &serverRoute{url: u, rt: s.Client().Transport}
		return nil
	}
}

// Transport sends every fetch, to the URL as it is, through rt: a live server, or a
// RoundTripper of the test's own. Use http.DefaultTransport for the network.
func Transport(rt http.RoundTripper) Option {
	return func(b *Browser) error {
		if rt == nil {
			return errors.New("browser: Transport(nil)")
		}
		b.rt = rt
		return nil
	}
}

// RealClock makes the preflight cache expire against the wall clock. By default a Browser has a
// virtual clock that starts at Epoch and moves only by Advance, so tests of Access-Control-Max-Age
// need not sleep.
func RealClock() Option {
	return func(b *Browser) error {
		b.real = true
		return nil
	}
}

// WithoutTrace stops recording the algorithm's steps. By default every fetch is traced, so that
// an Error can show each step; a traced fetch costs a few microseconds more.
func WithoutTrace() Option {
	return func(b *Browser) error {
		b.trace = false
		return nil
	}
}

// MaxBodyBytes sets how many bytes of a response body the Browser reads (DefaultMaxBodyBytes
// unless set); n must be positive.
func MaxBodyBytes(n int64) Option {
	return func(b *Browser) error {
		if n <= 0 {
			return fmt.Errorf("browser: MaxBodyBytes(%d): the limit must be positive", n)
		}
		b.maxBody = n
		return nil
	}
}

// InFrame makes the page a frame (such as a sandboxed iframe with an opaque origin) inside the
// top-level page topLevel (a URL or a serialized origin), which partitions the preflight cache and
// decides whether the context is secure.
func InFrame(topLevel string) Option {
	return func(b *Browser) error {
		o, err := parsePage(topLevel)
		if err != nil {
			return fmt.Errorf("browser: InFrame: %w", err)
		}
		b.top = o
		return nil
	}
}

// New makes a Browser whose page is page: a URL ("https://app.example/checkout") or a
// serialized origin ("https://app.example", or "null" for an opaque origin such as a sandboxed
// iframe's). It needs one of Handler, Route, Server or Transport to say where fetches go.
func New(page string, opts ...Option) (*Browser, error) {
	o, err := parsePage(page)
	if err != nil {
		return nil, fmt.Errorf("browser: page: %w", err)
	}
	b := &Browser{page: o, profile: algorithm.Chromium, trace: true, maxBody: DefaultMaxBodyBytes, now: Epoch}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(b); err != nil {
			return nil, err
		}
	}
	targets := 0
	for _, set := range []bool{b.fallback != nil || len(b.routes) > 0, b.server != nil, b.rt != nil} {
		if set {
			targets++
		}
	}
	switch targets {
	case 0:
		return nil, errors.New("browser: New needs Handler, Route, Server or Transport to know where fetches go")
	case 1:
	default:
		return nil, errors.New("browser: give in-process handlers (Handler, Route), Server or Transport, not several of them")
	}
	b.cache = b.profile.NewCache()
	return b, nil
}

// parsePage reads a page: "null", or a URL (a serialized tuple origin is a URL too).
func parsePage(s string) (origin.Origin, error) {
	if s == "null" {
		return origin.NewOpaque(), nil
	}
	o, err := origin.Parse(s)
	if err != nil {
		return origin.Origin{}, fmt.Errorf("%q is neither a URL nor a serialized origin: %w", s, err)
	}
	return o, nil
}

// Page returns the page's origin.
func (b *Browser) Page() origin.Origin { return b.page }

// Profile returns whose behaviour the Browser models.
func (b *Browser) Profile() algorithm.Profile { return b.profile }

// Now returns the Browser's current time: the virtual clock, or the wall clock with RealClock.
func (b *Browser) Now() time.Time {
	if b.real {
		return time.Now()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.now
}

// Advance moves the virtual clock forward by d (a negative d is ignored), so that preflight cache
// entries expire as they would after that long. With RealClock it does nothing.
func (b *Browser) Advance(d time.Duration) {
	if d <= 0 || b.real {
		return
	}
	b.mu.Lock()
	b.now = b.now.Add(d)
	b.mu.Unlock()
}

// ClearCache empties the page's preflight cache, as a new page load would.
func (b *Browser) ClearCache() {
	if b.cache != nil { // nil only in a Browser not made by New
		b.cache.Reset()
	}
}
